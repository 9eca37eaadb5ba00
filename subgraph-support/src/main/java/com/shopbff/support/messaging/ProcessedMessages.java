package com.shopbff.support.messaging;

import com.shopbff.support.mongo.MongoLookups;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.UUID;

/**
 * The first of the two idempotency guards of a consumer: a persisted {@code (consumer, eventId)} key. Handlers
 * still use a business key (a reservation or ledger entry keyed by order id) as the second guard, because a crash
 * between the business write and {@link #markProcessed} redelivers the message.
 */
public class ProcessedMessages {
    static final String COLLECTION = "processed_messages";
    private final MongoTemplate mongo;

    public ProcessedMessages(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public boolean alreadyProcessed(String consumer, UUID eventId) {
        return MongoLookups.idExists(mongo, COLLECTION, id(consumer, eventId));
    }

    /** @return false when it was marked already (a duplicate delivery) */
    public boolean markProcessed(String consumer, UUID eventId) {
        try {
            mongo.insert(new Document("_id", id(consumer, eventId)).append("at", Instant.now()), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static String id(String consumer, UUID eventId) {
        return consumer + ":" + eventId;
    }
}
