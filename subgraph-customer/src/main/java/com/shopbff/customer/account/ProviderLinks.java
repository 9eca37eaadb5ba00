package com.shopbff.customer.account;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Which account an external identity signs in to: {@code provider_links}, {@code _id = <provider>:<subject>} →
 * customer id. Unique by {@code _id}, so one provider account links to at most one shop account; written before the
 * account's own list of links, like {@link EmailIndex}.
 */
@Component
public class ProviderLinks {
    static final String COLLECTION = "provider_links";
    private final MongoTemplate mongo;

    public ProviderLinks(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    static String id(String provider, String subject) {
        return provider + ":" + subject;
    }

    public Optional<String> owner(String provider, String subject) {
        Document d = mongo.findById(id(provider, subject), Document.class, COLLECTION);
        return d == null ? Optional.empty() : Optional.ofNullable(d.getString("customerId"));
    }

    /** @return false when the identity is linked to another customer */
    public boolean claim(String provider, String subject, String customerId) {
        try {
            mongo.insert(new Document("_id", id(provider, subject)).append("customerId", customerId).append("linkedAt", new Date()), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return owner(provider, subject).map(customerId::equals).orElse(false);
        }
    }

    /** Moves a link whose account no longer exists (erased, or a crash) to {@code customerId}. */
    public boolean takeOver(String provider, String subject, String staleOwner, String customerId) {
        return mongo.updateFirst(Query.query(where("_id").is(id(provider, subject)).and("customerId").is(staleOwner)),
                new Update().set("customerId", customerId).set("linkedAt", new Date()), COLLECTION).getModifiedCount() == 1;
    }

    /** The subjects of {@code provider} linked to the customer. */
    public java.util.List<String> ownedBy(String customerId, String provider) {
        return mongo.find(Query.query(where("customerId").is(customerId)), Document.class, COLLECTION).stream()
                .map(d -> d.getString("_id")).filter(id -> id.startsWith(provider + ":"))
                .map(id -> id.substring(provider.length() + 1)).toList();
    }

    public void release(String provider, String subject, String customerId) {
        mongo.remove(Query.query(where("_id").is(id(provider, subject)).and("customerId").is(customerId)), COLLECTION);
    }
}
