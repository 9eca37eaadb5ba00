package com.shopbff.customer.account;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

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
            mongo.insert(new Document("_id", emailLower).append("customerId", customerId), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public Optional<String> lookup(String emailLower) {
        Document d = mongo.findById(emailLower, Document.class, COLLECTION);
        return d == null ? Optional.empty() : Optional.ofNullable(d.getString("customerId"));
    }

    /** Moves a claim left by an account that no longer exists (a crash mid-sign-up or mid-erasure) to a new owner. */
    public boolean takeOver(String emailLower, String staleCustomerId, String customerId) {
        return mongo.updateFirst(Query.query(where("_id").is(emailLower).and("customerId").is(staleCustomerId)),
                Update.update("customerId", customerId), COLLECTION).getModifiedCount() == 1;
    }

    public void release(String emailLower, String customerId) {
        mongo.remove(Query.query(where("_id").is(emailLower).and("customerId").is(customerId)), COLLECTION);
    }
}
