package com.shopbff.support.mongo;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Lookups that stay cheap on every MongoDB server we run on, the embedded MongoDB-wire server included. */
public final class MongoLookups {
    private MongoLookups() {}

    /**
     * Whether a document with this {@code _id} exists, as a find by {@code _id} (limit 1, only the id returned).
     * Not {@code MongoTemplate.exists}: that counts through an aggregation, whose {@code $match} the embedded
     * MongoDB-wire server runs as a scan of the whole collection instead of an {@code _id} lookup.
     */
    public static boolean idExists(MongoTemplate mongo, String collection, Object id) {
        Query q = Query.query(Criteria.where("_id").is(id)).limit(1);
        q.fields().include("_id");
        return mongo.findOne(q, Document.class, collection) != null;
    }
}
