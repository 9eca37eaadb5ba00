package com.shopbff.customer.account;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Case-insensitive email uniqueness: the {@code emails} collection maps {@code _id = lower-cased email} to the
 * customer id. A claim is inserted BEFORE the account, so two concurrent sign-ups with one email cannot both win.
 */
@Component
public class EmailIndex {
    static final String COLLECTION = "emails";
    static final Duration STALE_AFTER = Duration.ofMinutes(1);
    private final MongoTemplate mongo;

    public EmailIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** @return false when the email is already claimed */
    public boolean claim(String emailLower, String customerId) {
        try {
            mongo.insert(new Document("_id", emailLower).append("customerId", customerId).append("claimedAt", new Date()), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public Optional<String> lookup(String emailLower) {
        return claim(emailLower).map(Claim::customerId);
    }

    public record Claim(String customerId, Instant claimedAt) {}

    public Optional<Claim> claim(String emailLower) {
        Document d = mongo.findById(emailLower, Document.class, COLLECTION);
        if (d == null || d.getString("customerId") == null) return Optional.empty();
        Date at = d.getDate("claimedAt");
        return Optional.of(new Claim(d.getString("customerId"), at == null ? Instant.EPOCH : at.toInstant()));
    }

    /**
     * Moves a claim left by an account that no longer exists (a crash mid-sign-up or mid-erasure) to a new owner.
     * Only claims older than {@link #STALE_AFTER}: a younger one may belong to a sign-up that has not yet inserted
     * its account.
     */
    public boolean takeOver(String emailLower, Claim stale, String customerId) {
        if (stale.claimedAt().isAfter(Instant.now().minus(STALE_AFTER))) return false;
        return mongo.updateFirst(Query.query(where("_id").is(emailLower).and("customerId").is(stale.customerId())),
                new Update().set("customerId", customerId).set("claimedAt", new Date()), COLLECTION).getModifiedCount() == 1;
    }

    public void release(String emailLower, String customerId) {
        mongo.remove(Query.query(where("_id").is(emailLower).and("customerId").is(customerId)), COLLECTION);
    }
}
