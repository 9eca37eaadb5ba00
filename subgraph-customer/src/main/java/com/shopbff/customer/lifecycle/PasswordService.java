package com.shopbff.customer.lifecycle;

import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.customer.account.AccountProperties;
import com.shopbff.customer.account.AccountService;
import com.shopbff.customer.account.AccountTokens;
import com.shopbff.customer.account.AccountUpdates;
import com.shopbff.customer.account.CustomerDocument;
import com.shopbff.customer.account.CustomerRepository;
import com.shopbff.customer.account.EmailIndex;
import com.shopbff.customer.account.Outcome;
import com.shopbff.customer.account.PasswordHasher;
import com.shopbff.customer.account.SignInThrottle;
import com.shopbff.customer.account.UserErrors;
import com.shopbff.customer.generated.types.UserError;
import com.shopbff.customer.session.RefreshTokens;
import com.shopbff.support.messaging.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Passwords after sign-up: a change (the current password required; every other session ends) and a forgotten
 * password reset by an emailed single-use link (every session ends). Each change mails a notice to the account's
 * address, queued in the same write.
 */
@Service
public class PasswordService {
    private static final Logger log = LoggerFactory.getLogger(PasswordService.class);
    private final CustomerRepository customers;
    private final AccountUpdates updates;
    private final EmailIndex emails;
    private final PasswordHasher passwords;
    private final SignInThrottle throttle;
    private final RefreshTokens refreshTokens;
    private final AccountProperties properties;

    public PasswordService(CustomerRepository customers, AccountUpdates updates, EmailIndex emails, PasswordHasher passwords,
                           SignInThrottle throttle, RefreshTokens refreshTokens, AccountProperties properties) {
        this.customers = customers;
        this.updates = updates;
        this.emails = emails;
        this.passwords = passwords;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
    }

    /**
     * @param currentSessionId the caller's session (its access token's {@code sid}): it stays signed in, every other
     *                         session of the account ends (and their access tokens are revoked)
     */
    public Outcome<CustomerDocument> change(String customerId, String currentPassword, String newPassword, String currentSessionId,
                                            String clientAddress) {
        Optional<CustomerDocument> found = customers.find(customerId);
        if (found.isEmpty()) return Outcome.failed(UserErrors.of("ACCOUNT_NOT_FOUND", "This account does not exist any more."));
        CustomerDocument c = found.get();
        if (!c.hasPassword()) {
            return Outcome.failed(UserErrors.of("NO_PASSWORD",
                    "This account signs in with a provider and has no password; set one with a password reset.", "input", "currentPassword"));
        }
        // the current password is a credential like a sign-in: failures count toward the same lockout
        if (throttle.emailLocked(c.emailLower()) || throttle.clientBlocked(clientAddress)) {
            return Outcome.failed(UserErrors.of("TOO_MANY_ATTEMPTS", "Too many wrong passwords; try again later.", "input", "currentPassword"));
        }
        List<UserError> errors = new ArrayList<>(newPasswordErrors(newPassword));
        if (!passwords.matches(currentPassword, c.passwordHash())) {
            throttle.recordFailure(c.emailLower(), clientAddress);
            return Outcome.failed(UserErrors.of("WRONG_PASSWORD", "The current password is incorrect.", "input", "currentPassword"));
        }
        if (errors.isEmpty() && passwords.matches(newPassword, c.passwordHash())) {
            errors.add(UserErrors.of("SAME_PASSWORD", "The new password is the current one.", "input", "newPassword"));
        }
        if (!errors.isEmpty()) return Outcome.failed(errors);
        String hash = passwords.hash(newPassword);
        Outcome<CustomerDocument> changed = updates.modify(customerId, current -> Outcome.ok(new Update().set("passwordHash", hash)
                .push("outbox", notice(current, CustomerEvent.AccountEmailKind.PASSWORD_CHANGED))));
        if (!changed.isOk()) return changed;
        throttle.recordSuccess(c.emailLower());
        int ended = refreshTokens.revokeAllOf(customerId, currentSessionId, "PASSWORD_CHANGED");
        log.info("customer {} changed their password; {} other sessions ended", customerId, ended);
        return changed;
    }

    /**
     * Mails a reset link if an account has this email. The answer does not depend on it; one email per account per
     * {@code shop.accounts.email-resend-interval} (further requests are quietly dropped).
     */
    public Outcome<Boolean> requestReset(String email) {
        if (!AccountService.isValidEmail(email)) {
            return Outcome.failed(UserErrors.of("INVALID_EMAIL", "Enter a valid email address.", "input", "email"));
        }
        emails.lookup(EmailIndex.normalize(email)).flatMap(customers::find).ifPresent(c -> {
            Instant now = now();
            if (c.passwordResetSentAt() != null && c.passwordResetSentAt().plus(properties.emailResendInterval()).isAfter(now)) return;
            AccountTokens.Issued token = AccountTokens.issue(c.id(), null, now.plus(properties.resetTtl()));
            updates.modify(c.id(), current -> Outcome.ok(new Update().set("passwordReset", token.pending()).set("passwordResetSentAt", now)
                    .push("outbox", OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.AccountEmailRequested(current.id(),
                            CustomerEvent.AccountEmailKind.PASSWORD_RESET, current.email(), current.name(),
                            properties.resetPasswordLink(token.token()), token.pending().expiresAt())))));
        });
        return Outcome.ok(true);
    }

    /**
     * Sets a new password with a reset link's token: single use, within its lifetime. Proves the inbox too, so the
     * email counts as verified; lifts a sign-in lockout; ends every session (the caller then gets a fresh one).
     */
    public Outcome<CustomerDocument> reset(String token, String newPassword) {
        List<UserError> errors = new ArrayList<>(newPasswordErrors(newPassword));
        Optional<AccountTokens.Parsed> parsed = AccountTokens.parse(token);
        Optional<CustomerDocument> account = parsed.flatMap(p -> customers.find(p.customerId()));
        if (account.isEmpty()) {
            errors.addFirst(UserErrors.of("INVALID_TOKEN", "This password reset link is not valid.", "input", "token"));
            return Outcome.failed(errors);
        }
        AccountTokens.Problem problem = AccountTokens.check(account.get().passwordReset(), account.get(), parsed.get().secretHash(), now());
        if (problem != null) {
            errors.addFirst(tokenError(problem, "password reset link"));
            return Outcome.failed(errors);
        }
        if (!errors.isEmpty()) return Outcome.failed(errors);
        String hash = passwords.hash(newPassword);
        String secretHash = parsed.get().secretHash();
        Outcome<CustomerDocument> done = updates.modify(account.get().id(), c -> {
            AccountTokens.Problem again = AccountTokens.check(c.passwordReset(), c, secretHash, now());
            if (again != null) return Outcome.failed(tokenError(again, "password reset link"));
            return Outcome.ok(new Update().set("passwordHash", hash).set("emailVerified", true).unset("passwordReset")
                    .push("usedTokens").slice(-10).each(secretHash)
                    .push("outbox", notice(c, CustomerEvent.AccountEmailKind.PASSWORD_CHANGED)));
        });
        if (!done.isOk()) return done;
        throttle.recordSuccess(done.value().emailLower());
        int ended = refreshTokens.revokeAllOf(done.value().id(), null, "PASSWORD_RESET");
        log.info("customer {} reset their password; {} sessions ended", done.value().id(), ended);
        return done;
    }

    static UserError tokenError(AccountTokens.Problem problem, String what) {
        return switch (problem) {
            case INVALID -> UserErrors.of("INVALID_TOKEN", "This " + what + " is not valid (a newer one may have replaced it).", "input", "token");
            case EXPIRED -> UserErrors.of("TOKEN_EXPIRED", "This " + what + " has expired; ask for a new one.", "input", "token");
            case USED -> UserErrors.of("TOKEN_USED", "This " + what + " has already been used.", "input", "token");
        };
    }

    private static List<UserError> newPasswordErrors(String password) {
        if (password == null || password.length() < PasswordHasher.MIN_LENGTH)
            return List.of(UserErrors.of("PASSWORD_TOO_SHORT", "The password needs at least " + PasswordHasher.MIN_LENGTH + " characters.", "input", "newPassword"));
        if (PasswordHasher.tooLong(password))
            return List.of(UserErrors.of("PASSWORD_TOO_LONG", "The password may have at most " + PasswordHasher.MAX_BYTES + " bytes.", "input", "newPassword"));
        return List.of();
    }

    private static OutboxEntry notice(CustomerDocument c, CustomerEvent.AccountEmailKind kind) {
        return OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.AccountEmailRequested(c.id(), kind, c.email(), c.name(), null, null));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
