package com.shopbff.support.mongo;

import org.bson.Document;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One index a subgraph's queries need on a real MongoDB, created at start-up by {@link MongoIndexInitializer}.
 *
 * @param collection    the collection
 * @param name          the index name (explicit, so a changed definition is reported by name rather than duplicated)
 * @param keys          key fields in order, 1 ascending, -1 descending
 * @param unique        MongoDB refuses a second document with the same keys
 * @param partialFilter only documents matching this filter are in the index (null: all)
 * @param expireAfter   a TTL index: MongoDB deletes a document this long after the date in its single key field
 * @param serves        what it is for, in words (printed by the index coverage test)
 */
public record MongoIndex(String collection, String name, Document keys, boolean unique, Document partialFilter,
                         Duration expireAfter, String serves) {
    public MongoIndex {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(name, "name");
        if (keys == null || keys.isEmpty()) throw new IllegalArgumentException("an index needs keys: " + name);
        if (expireAfter != null && keys.size() != 1) throw new IllegalArgumentException("a TTL index has one key field: " + name);
        keys = new Document(new LinkedHashMap<>(keys));
    }

    /** Starts an index on {@code collection} with key fields and directions: {@code on("orders", "customerId", 1, "placedAt", -1)}. */
    public static MongoIndex on(String collection, Object... fieldsAndDirections) {
        if (fieldsAndDirections.length == 0 || fieldsAndDirections.length % 2 != 0) {
            throw new IllegalArgumentException("give field, direction pairs");
        }
        Document keys = new Document();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < fieldsAndDirections.length; i += 2) {
            keys.append((String) fieldsAndDirections[i], fieldsAndDirections[i + 1]);
            if (!name.isEmpty()) name.append('_');
            name.append(fieldsAndDirections[i]).append('_').append(fieldsAndDirections[i + 1]);
        }
        return new MongoIndex(collection, name.toString(), keys, false, null, null, "");
    }

    /**
     * The index the outbox sweep ({@code OutboxRelay.relayAll}: {@code {"outbox.0": {$exists: true}}}) of a collection
     * uses: only documents with unsent messages are in it, so it stays as small as the backlog.
     */
    public static MongoIndex outboxSweep(String collection) {
        return on(collection, "outbox.0", 1).named("outbox_pending")
                .partial(new Document("outbox.0", new Document("$exists", true)))
                .serving("outbox sweep: documents with unsent messages");
    }

    public MongoIndex named(String n) {
        return new MongoIndex(collection, n, keys, unique, partialFilter, expireAfter, serves);
    }

    public MongoIndex asUnique() {
        return new MongoIndex(collection, name, keys, true, partialFilter, expireAfter, serves);
    }

    public MongoIndex partial(Document filter) {
        return new MongoIndex(collection, name, keys, unique, filter, expireAfter, serves);
    }

    public MongoIndex expireAfter(Duration ttl) {
        return new MongoIndex(collection, name, keys, unique, partialFilter, ttl, serves);
    }

    public MongoIndex serving(String what) {
        return new MongoIndex(collection, name, keys, unique, partialFilter, expireAfter, what);
    }

    /** The key fields in order. */
    public Map<String, Object> keyFields() {
        return keys;
    }
}
