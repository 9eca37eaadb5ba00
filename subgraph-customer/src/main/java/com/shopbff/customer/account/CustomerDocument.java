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
 * An erased account is a tombstone ({@code deleted}, no personal data) until its CustomerDeleted message is sent.
 */
@Document(CustomerDocument.COLLECTION)
public record CustomerDocument(@Id String id, String email, String emailLower, String name, String phone, Role role,
                               String passwordHash, List<AddressDocument> addresses, List<ProviderLink> providers,
                               Instant createdAt, long version, boolean deleted, List<OutboxEntry> outbox) {
    public static final String COLLECTION = "customers";

    public CustomerDocument {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        providers = providers == null ? List.of() : List.copyOf(providers);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    /** A provider account that signed in with this subject; kept to show how an account was linked. */
    public record ProviderLink(String provider, String subject, Instant linkedAt) {}
}
