package com.shopbff.notifications.customer;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * This subgraph's projection of {@code customer.events}: the email address and name the email channel needs.
 * A deleted customer leaves a tombstone (id only, no personal data) so that events arriving after the erasure, on
 * other topics, do not bring their notifications back.
 */
@Repository
public class CustomerDirectory {
    static final String COLLECTION = "customers";
    private final MongoTemplate mongo;

    public CustomerDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public record Contact(String customerId, String email, String name) {}

    public void registered(String customerId, String email, String name) {
        if (isDeleted(customerId)) return;
        mongo.upsert(byId(customerId), new Update().set("email", email).set("name", name), COLLECTION);
    }

    /** EmailVerified: the address emails go to from now on (a change of email); the name stays. */
    public void emailConfirmed(String customerId, String email) {
        if (isDeleted(customerId)) return;
        mongo.upsert(byId(customerId), new Update().set("email", email), COLLECTION);
    }

    public void erase(String customerId) {
        mongo.upsert(byId(customerId), new Update().unset("email").unset("name").set("deleted", true), COLLECTION);
    }

    public boolean isDeleted(String customerId) {
        Document d = mongo.findById(customerId, Document.class, COLLECTION);
        return d != null && Boolean.TRUE.equals(d.getBoolean("deleted"));
    }

    public Optional<Contact> find(String customerId) {
        Document d = mongo.findById(customerId, Document.class, COLLECTION);
        if (d == null || Boolean.TRUE.equals(d.getBoolean("deleted")) || d.getString("email") == null) return Optional.empty();
        return Optional.of(new Contact(customerId, d.getString("email"), d.getString("name")));
    }

    private static Query byId(String customerId) {
        return Query.query(Criteria.where("_id").is(customerId));
    }
}
