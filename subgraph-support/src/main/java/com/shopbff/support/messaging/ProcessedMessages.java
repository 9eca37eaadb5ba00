package com.shopbff.support.messaging;

import com.shopbff.support.mongo.MongoIndex;
import com.shopbff.support.mongo.MongoIndexes;
import com.shopbff.support.mongo.MongoLookups;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
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

    /**
     * A key older than {@code retention} is deleted by MongoDB (TTL index on {@code at}): a redelivery can only come
     * from what Kafka still holds (7 days by default), so keeping keys longer than the topics' retention only costs
     * space. On the embedded server (no TTL) they stay.
     */
    public static MongoIndexes indexes(Duration retention) {
        return MongoIndexes.of("subgraph-support").index(MongoIndex.on(COLLECTION, "at", 1).named("at_ttl").expireAfter(retention)
                .serving("expiry of processed-message keys (TTL)")).build();
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
