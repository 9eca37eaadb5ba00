package com.shopbff.customer.privacy;

import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.SessionEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.customer.account.AccountService;
import com.shopbff.customer.account.CustomerDocument;
import com.shopbff.customer.account.CustomerOutbox;
import com.shopbff.customer.account.CustomerRepository;
import com.shopbff.customer.account.EmailIndex;
import com.shopbff.customer.account.Outcome;
import com.shopbff.customer.account.PasswordHasher;
import com.shopbff.customer.account.ProviderLinks;
import com.shopbff.customer.account.UserErrors;
import com.shopbff.customer.session.RefreshTokens;
import com.shopbff.support.auth.Role;
import com.shopbff.support.messaging.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Erasure of an account, recorded in the privacy audit from its first step and driven to the end:
 * <ol>
 *   <li>the erasure request {@code erasure:<id>} is written (the intent, after the password check);</li>
 *   <li>the account becomes a tombstone without personal data, with CustomerDeleted and a subject-wide AccessRevoked
 *       in its outbox (one update); the email is freed, sessions deleted, unfinished exports dropped;</li>
 *   <li>every other subgraph erases what it holds and answers ErasureCompleted; the request is COMPLETED when all
 *       have. {@link PrivacySweeper} resends CustomerDeleted to the silent ones (with back-off) and, after a crash
 *       between 1 and 2, carries out step 2 — an erasure is never left half-done without trace.</li>
 * </ol>
 */
@Service
public class ErasureService {
    private static final Logger log = LoggerFactory.getLogger(ErasureService.class);
    private static final int MAX_RETRIES = 10;

    private final CustomerRepository customers;
    private final EmailIndex emails;
    private final PasswordHasher passwords;
    private final RefreshTokens refreshTokens;
    private final CustomerOutbox outbox;
    private final PrivacyRequests requests;
    private final ExportChunks chunks;
    private final PrivacyProperties properties;
    private final ProviderLinks providerLinks;
    private final Clock clock;

    public ErasureService(CustomerRepository customers, EmailIndex emails, PasswordHasher passwords, RefreshTokens refreshTokens,
                          CustomerOutbox outbox, PrivacyRequests requests, ExportChunks chunks, PrivacyProperties properties,
                          ProviderLinks providerLinks, Clock clock) {
        this.providerLinks = providerLinks;
        this.customers = customers;
        this.emails = emails;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.outbox = outbox;
        this.requests = requests;
        this.chunks = chunks;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The caller erases their own account. An account without a password (made by provider sign-in) proves itself by
     * a sign-in less than 10 minutes old instead.
     */
    public Outcome<String> deleteAccount(String customerId, String password, Instant authTime) {
        Optional<CustomerDocument> found = customers.find(customerId);
        if (found.isEmpty()) return Outcome.failed(UserErrors.of("ACCOUNT_NOT_FOUND", "This account does not exist any more."));
        CustomerDocument c = found.get();
        if (c.role() == Role.ADMIN)
            return Outcome.failed(UserErrors.of("ADMIN_ACCOUNT", "An administrator account cannot be deleted this way."));
        if (c.hasPassword() && !passwords.matches(password, c.passwordHash()))
            return Outcome.failed(UserErrors.of("INVALID_PASSWORD", "The password is incorrect.", "password"));
        if (!c.hasPassword() && (authTime == null || authTime.isBefore(clock.instant().minus(AccountService.RECENT_SIGN_IN))))
            return Outcome.failed(UserErrors.of("RECENT_SIGN_IN_REQUIRED",
                    "This account has no password: sign in with your provider again, then delete it within 10 minutes.", "password"));
        Instant now = now();
        requests.openErasure(customerId, properties.sources(), now, now.plus(properties.resendDelay(1)));
        erase(customerId);
        return Outcome.ok(customerId);
    }

    /**
     * Step 2: turns the live account into a tombstone (idempotent: an account already erased is left alone) and records
     * this subgraph's part in the audit.
     */
    void erase(String customerId) {
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            Optional<CustomerDocument> found = customers.find(customerId);
            if (found.isEmpty()) return;
            CustomerDocument c = found.get();
            Instant now = now();
            Update tombstone = new Update().set("deleted", true).set("erasedAt", now)
                    .unset("email").unset("emailLower").unset("name").unset("phone").unset("addresses").unset("passwordHash")
                    .unset("providers").unset("pendingEmail").unset("verification").unset("passwordReset").unset("usedTokens")
                    .unset("emailVerified").unset("verificationSentAt").unset("passwordResetSentAt")
                    .push("outbox").each(OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerDeleted(c.id())),
                            OutboxEntry.of(Topics.SESSION_REVOCATIONS, new SessionEvent.AccessRevoked(c.id(), null, now, "ERASED")));
            if (!customers.updateIfVersion(c.id(), c.version(), tombstone)) continue;
            if (c.emailLower() != null) emails.release(c.emailLower(), c.id());
            if (c.pendingEmail() != null) emails.release(com.shopbff.customer.account.EmailIndex.normalize(c.pendingEmail()), c.id());
            c.providers().forEach(l -> providerLinks.release(l.provider(), l.subject(), c.id()));
            long sessions = refreshTokens.removeAllOf(c.id());
            long exportChunks = chunks.deleteByCustomer(c.id());
            outbox.relaySoon(c.id());
            for (PrivacyRequest export : requests.exportsOf(c.id(), 1000)) {
                if (export.status().equals("PENDING") || export.status().equals("READY")) {
                    requests.finish(export.id(), export.status(), "EXPIRED", now, null, "the account was erased");
                }
            }
            String detail = "account erased: email, name, phone, " + c.addresses().size() + " saved addresses, "
                    + c.providers().size() + " sign-in links, " + sessions + " sessions" + (exportChunks > 0 ? ", unfinished data exports" : "");
            onAnswer(c.id(), PrivacyProperties.SELF, detail);
            log.info("customer {} erased in the customer subgraph; waiting for {}", c.id(), properties.sources());
            return;
        }
        throw new IllegalStateException("account " + customerId + " kept changing during erasure");
    }

    /** A subgraph's ErasureCompleted (or this subgraph's own part): recorded once; the last one completes the request. */
    public void onAnswer(String customerId, String source, String detail) {
        String id = PrivacyRequest.erasureId(customerId);
        requests.recordStep(id, source, detail, now()).ifPresent(r -> {
            if (r.missing().isEmpty() && requests.finish(id, "IN_PROGRESS", "COMPLETED", now(), null, null)) {
                log.info("erasure of customer {} completed in every subgraph", customerId);
            }
        });
    }

    /** The sweep's part for a due erasure: finish step 2 if a crash interrupted it, else resend to the silent subgraphs. */
    void resume(PrivacyRequest r) {
        Instant now = now();
        if (customers.find(r.customerId()).isPresent()) {
            log.warn("erasure of customer {} was interrupted before the account was erased: erasing it now", r.customerId());
            erase(r.customerId());
            requests.postpone(r.id(), now.plus(properties.resendDelay(1)));
            return;
        }
        if (!r.steps().containsKey(PrivacyProperties.SELF)) {
            onAnswer(r.customerId(), PrivacyProperties.SELF, "account erased (recorded after a restart)");
        }
        if (r.missing().stream().allMatch(PrivacyProperties.SELF::equals)) {
            requests.finish(r.id(), "IN_PROGRESS", "COMPLETED", now, null, null);
            return;
        }
        String waiting = "waiting for: " + String.join(", ", r.missing()) + " (asked " + (r.attempts() + 1) + " times)";
        requests.resend(r, OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerDeleted(r.customerId())),
                now.plus(properties.resendDelay(r.attempts() + 1)), waiting);
        log.warn("erasure of customer {}: {}; CustomerDeleted sent again", r.customerId(), waiting);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
