package com.shopbff.customer.account;

import com.shopbff.support.auth.Role;
import com.shopbff.support.messaging.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One account in the {@code customers} collection. Email uniqueness is kept by the {@code emails} collection
 * ({@link EmailIndex}), because only {@code _id} is unique on every MongoDB we run on. {@code version} guards
 * read-modify-write updates; {@code outbox} holds the Kafka messages announcing the change made by the same update.
 * An erased account stays as a tombstone without personal data ({@code deleted}, {@code erasedAt}, and the
 * {@code createdAt} and {@code role} that are not personal), so that references to it from other subgraphs (an old
 * order, the top customers of a year) still resolve to an anonymised customer.
 *
 * @param emailVerified       whether the email has been confirmed; null in accounts made before verification existed
 *                            (they count as verified)
 * @param pendingEmail        a new address waiting for its verification link (change of email)
 * @param verificationSentAt  when the last verification email was asked for (resend throttle)
 * @param passwordResetSentAt when the last password-reset email was asked for (throttle)
 * @param verification        the emailed verification token waiting to be used (its hash and the address it confirms)
 * @param passwordReset       the emailed password-reset token waiting to be used
 * @param usedTokens          hashes of the last used tokens, to tell a reused link from a wrong one
 */
@Document(CustomerDocument.COLLECTION)
public record CustomerDocument(@Id String id, String email, String emailLower, String name, String phone, Role role,
                               String passwordHash, List<AddressDocument> addresses, List<ProviderLink> providers,
                               Instant createdAt, long version, boolean deleted, List<OutboxEntry> outbox,
                               Boolean emailVerified, String pendingEmail, Instant erasedAt, Instant verificationSentAt,
                               Instant passwordResetSentAt, AccountTokens.PendingToken verification,
                               AccountTokens.PendingToken passwordReset, List<String> usedTokens) {
    public static final String COLLECTION = "customers";

    public CustomerDocument {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        providers = providers == null ? List.of() : List.copyOf(providers);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        usedTokens = usedTokens == null ? List.of() : List.copyOf(usedTokens);
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    public boolean isEmailVerified() {
        return emailVerified == null || emailVerified;
    }

    public boolean isErased() {
        return deleted;
    }

    /** A provider account that signed in with this subject; kept to show how an account was linked. */
    public record ProviderLink(String provider, String subject, Instant linkedAt) {}
}
