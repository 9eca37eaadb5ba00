package com.shopbff.support.messaging;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends the {@code outbox} entries of the documents of one collection to Kafka, oldest document first, and pulls
 * each entry once the broker acknowledged it. Call {@link #relay(Object)} right after a write for low latency,
 * and {@link #relayAll()} on a schedule to pick up whatever a crash left behind.
 */
public class OutboxRelay {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long SEND_TIMEOUT_MS = 10_000;

    private final MongoTemplate mongo;
    private final MessagePublisher publisher;
    private final String collection;

    public OutboxRelay(MongoTemplate mongo, MessagePublisher publisher, String collection) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.collection = collection;
    }

    /** Relays the pending entries of one document; returns how many were sent. */
    public synchronized int relay(Object id) {
        Document doc = mongo.findOne(Query.query(Criteria.where("_id").is(id)), Document.class, collection);
        return doc == null ? 0 : send(doc);
    }

    /** Relays every pending entry of the collection; returns how many were sent. Failures are logged and retried later. */
    public synchronized int relayAll() {
        int sent = 0;
        List<Document> pending = mongo.find(Query.query(Criteria.where("outbox.0").exists(true)), Document.class, collection);
        for (Document doc : pending) {
            try {
                sent += send(doc);
            } catch (RuntimeException e) {
                log.warn("outbox relay of {} {} failed, will retry: {}", collection, doc.get("_id"), e.getMessage());
            }
        }
        return sent;
    }

    private int send(Document doc) {
        List<Document> entries = doc.getList("outbox", Document.class, List.of());
        for (Document e : entries) {
            publisher.publishRawAndWait(e.getString("topic"), e.getString("key"),
                    e.getString("envelope").getBytes(StandardCharsets.UTF_8), SEND_TIMEOUT_MS);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(doc.get("_id"))),
                    new Update().pull("outbox", new Document("eventId", e.getString("eventId"))), collection);
        }
        return entries.size();
    }
}
