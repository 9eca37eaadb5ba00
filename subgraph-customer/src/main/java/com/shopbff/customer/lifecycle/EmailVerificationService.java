package com.shopbff.customer.lifecycle;

import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.customer.account.AccountProperties;
import com.shopbff.customer.account.AccountService;
import com.shopbff.customer.account.AccountTokens;
import com.shopbff.customer.account.CustomerDocument;
import com.shopbff.customer.account.CustomerOutbox;
import com.shopbff.customer.account.CustomerRepository;
import com.shopbff.customer.account.EmailIndex;
import com.shopbff.customer.account.Outcome;
import com.shopbff.customer.account.PasswordHasher;
import com.shopbff.customer.account.UserErrors;
import com.shopbff.customer.account.AccountUpdates;
import com.shopbff.support.messaging.OutboxEntry;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Email addresses: verification of the address given at sign-up, and a change of address, which takes effect only
 * when the link sent to the new address is opened (until then the account keeps its verified address and shows the
 * new one as {@code pendingEmail}). One link at a time: a new one replaces the previous.
 */
@Service
public class EmailVerificationService {
    private static final int MAX_RETRIES = 10;
    private final CustomerRepository customers;
    private final AccountUpdates updates;
    private final EmailIndex emails;
    private final PasswordHasher passwords;
    private final CustomerOutbox outbox;
    private final AccountProperties properties;

    public EmailVerificationService(CustomerRepository customers, AccountUpdates updates, EmailIndex emails, PasswordHasher passwords,
                                    CustomerOutbox outbox, AccountProperties properties) {
        this.customers = customers;
        this.updates = updates;
        this.emails = emails;
        this.passwords = passwords;
        this.outbox = outbox;
        this.properties = properties;
    }

    /**
     * Opens a verification link: confirms the account's address, or for a change of email makes the new address the
     * account's (claiming it first; EMAIL_TAKEN when another account got it meanwhile) and tells the old address.
     */
    public Outcome<CustomerDocument> verify(String token) {
        Optional<AccountTokens.Parsed> parsed = AccountTokens.parse(token);
        if (parsed.isEmpty() || customers.find(parsed.get().customerId()).isEmpty()) {
            return Outcome.failed(PasswordService.tokenError(AccountTokens.Problem.INVALID, "verification link"));
        }
        String customerId = parsed.get().customerId();
        String secretHash = parsed.get().secretHash();
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            CustomerDocument c = customers.find(customerId).orElse(null);
            if (c == null) return Outcome.failed(PasswordService.tokenError(AccountTokens.Problem.INVALID, "verification link"));
            AccountTokens.Problem problem = AccountTokens.check(c.verification(), c, secretHash, now());
            if (problem != null) return Outcome.failed(PasswordService.tokenError(problem, "verification link"));
            String address = c.verification().email();
            boolean change = !address.equals(c.emailLower());
            String newEmail = change ? (c.pendingEmail() != null && EmailIndex.normalize(c.pendingEmail()).equals(address) ? c.pendingEmail() : address) : c.email();
            if (change && !claim(address, customerId)) {
                return Outcome.failed(UserErrors.of("EMAIL_TAKEN", "Another account uses " + newEmail + " now.", "input", "token"));
            }
            Update u = new Update().set("emailVerified", true).unset("verification").push("usedTokens").slice(-10).each(secretHash);
            if (change) {
                u.set("email", newEmail).set("emailLower", address).unset("pendingEmail")
                        .push("outbox").each(OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.EmailVerified(customerId, newEmail)),
                                OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.AccountEmailRequested(customerId,
                                        CustomerEvent.AccountEmailKind.EMAIL_CHANGED, c.email(), c.name(), null, null)));
            } else {
                u.push("outbox", OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.EmailVerified(customerId, c.email())));
            }
            if (customers.updateIfVersion(customerId, c.version(), u)) {
                if (change) emails.release(c.emailLower(), customerId);
                outbox.relaySoon(customerId);
                return Outcome.ok(customers.find(customerId).orElseThrow());
            }
            if (change) emails.release(address, customerId);
        }
        throw new IllegalStateException("account " + customerId + " kept changing during verification");
    }

    /** Sends the verification link again (for the pending new address, if a change is under way). */
    public Outcome<CustomerDocument> resend(String customerId) {
        return updates.modify(customerId, c -> {
            boolean changing = c.pendingEmail() != null;
            if (c.isEmailVerified() && !changing) {
                return Outcome.failed(UserErrors.of("ALREADY_VERIFIED", "Your email address is already verified."));
            }
            Instant now = now();
            if (c.verificationSentAt() != null && c.verificationSentAt().plus(properties.emailResendInterval()).isAfter(now)) {
                return Outcome.failed(UserErrors.of("TOO_MANY_REQUESTS", "A verification email was sent less than a minute ago."));
            }
            return Outcome.ok(newLink(c, changing ? c.pendingEmail() : c.email(), now));
        });
    }

    /**
     * Starts a change of email: the link goes to the new address. The password is asked for (a stolen session must not
     * be able to move the account to another inbox); an account without one needs a recent provider sign-in.
     */
    public Outcome<CustomerDocument> change(String customerId, String newEmail, String currentPassword, Instant authTime) {
        if (!AccountService.isValidEmail(newEmail)) {
            return Outcome.failed(UserErrors.of("INVALID_EMAIL", "Enter a valid email address.", "input", "newEmail"));
        }
        String email = newEmail.trim();
        String lower = EmailIndex.normalize(email);
        return updates.modify(customerId, c -> {
            if (lower.equals(c.emailLower())) {
                return Outcome.failed(UserErrors.of("SAME_EMAIL", "This is already your email address.", "input", "newEmail"));
            }
            if (c.hasPassword() && !passwords.matches(currentPassword, c.passwordHash())) {
                return Outcome.failed(UserErrors.of("WRONG_PASSWORD", "The current password is incorrect.", "input", "currentPassword"));
            }
            if (!c.hasPassword() && (authTime == null || authTime.isBefore(Instant.now().minus(AccountService.RECENT_SIGN_IN)))) {
                return Outcome.failed(UserErrors.of("RECENT_SIGN_IN_REQUIRED",
                        "This account has no password: sign in with your provider again, then change the email within 10 minutes."));
            }
            Optional<String> owner = emails.lookup(lower).filter(id -> !id.equals(customerId)).filter(id -> customers.find(id).isPresent());
            if (owner.isPresent()) {
                return Outcome.failed(UserErrors.of("EMAIL_TAKEN", "An account with this email already exists.", "input", "newEmail"));
            }
            Instant now = now();
            if (c.verificationSentAt() != null && c.verificationSentAt().plus(properties.emailResendInterval()).isAfter(now)) {
                return Outcome.failed(UserErrors.of("TOO_MANY_REQUESTS", "A verification email was sent less than a minute ago; try again shortly."));
            }
            return Outcome.ok(newLink(c, email, now).set("pendingEmail", email));
        });
    }

    private Update newLink(CustomerDocument c, String to, Instant now) {
        AccountTokens.Issued token = AccountTokens.issue(c.id(), EmailIndex.normalize(to), now.plus(properties.verificationTtl()));
        CustomerEvent.AccountEmailKind kind = EmailIndex.normalize(to).equals(c.emailLower())
                ? CustomerEvent.AccountEmailKind.VERIFY_EMAIL : CustomerEvent.AccountEmailKind.CONFIRM_NEW_EMAIL;
        return new Update().set("verification", token.pending()).set("verificationSentAt", now)
                .push("outbox", OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.AccountEmailRequested(c.id(), kind, to, c.name(),
                        properties.verifyEmailLink(token.token()), token.pending().expiresAt())));
    }

    /** Claims the address for the account (or finds it already claimed by it, or by an account that no longer exists). */
    private boolean claim(String emailLower, String customerId) {
        if (emails.claim(emailLower, customerId)) return true;
        Optional<EmailIndex.Claim> owner = emails.claim(emailLower);
        if (owner.isEmpty()) return emails.claim(emailLower, customerId);
        if (owner.get().customerId().equals(customerId)) return true;
        return customers.find(owner.get().customerId()).isEmpty() && emails.takeOver(emailLower, owner.get(), customerId);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
