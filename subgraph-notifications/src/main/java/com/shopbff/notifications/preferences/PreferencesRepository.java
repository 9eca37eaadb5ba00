package com.shopbff.notifications.preferences;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.List;

/** {@code notification_preferences}, one document per customer ({@code _id} = customer id); absent means the defaults. */
@Repository
public class PreferencesRepository {
    static final String COLLECTION = "notification_preferences";
    private final MongoTemplate mongo;

    public PreferencesRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Preferences find(String customerId) {
        Document d = mongo.findById(customerId, Document.class, COLLECTION);
        if (d == null) return Preferences.DEFAULT;
        return new Preferences(!Boolean.FALSE.equals(d.getBoolean("emailEnabled")), d.getList("emailDisabledKinds", String.class, List.of()));
    }

    public Preferences save(String customerId, Preferences p) {
        mongo.upsert(Query.query(Criteria.where("_id").is(customerId)),
                new Update().set("emailEnabled", p.emailEnabled()).set("emailDisabledKinds", p.emailDisabledKinds()), COLLECTION);
        return p;
    }

    public void delete(String customerId) {
        mongo.remove(Query.query(Criteria.where("_id").is(customerId)), COLLECTION);
    }
}
