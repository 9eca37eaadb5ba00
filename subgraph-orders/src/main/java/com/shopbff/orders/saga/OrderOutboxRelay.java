package com.shopbff.orders.saga;

import com.shopbff.orders.order.OrderStore;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the outbox entries of orders to Kafka and pulls them once the broker acknowledged them. Same contract as
 * the shared {@link com.shopbff.support.messaging.OutboxRelay}, but built for checkout throughput: it locks one order
 * (striped), not the whole collection, so concurrent sagas relay in parallel; it sends all entries of an order at once
 * (the idempotent producer keeps their order, they share the order id as key) and pulls them in one update. The shared
 * relay's single lock and one-by-one waits capped the saga at a few orders per second under load.
 */
public class OrderOutboxRelay {
    private static final Logger log = LoggerFactory.getLogger(OrderOutboxRelay.class);
    private static final long SEND_TIMEOUT_MS = 10_000;
    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    public OrderOutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka) {
        this.mongo = mongo;
        this.kafka = kafka;
        for (int i = 0; i < stripes.length; i++) stripes[i] = new ReentrantLock();
    }

    /** Relays the pending entries of one order; returns how many were sent. */
    public int relay(String orderId) {
        ReentrantLock lock = stripes[Math.floorMod(orderId.hashCode(), stripes.length)];
        lock.lock();
        try {
            // Read inside the lock: a relay that ran just before has pulled what it sent.
            Query byId = Query.query(Criteria.where("_id").is(orderId));
            byId.fields().include("outbox");
            Document doc = mongo.findOne(byId, Document.class, OrderStore.COLLECTION);
            if (doc == null) return 0;
            List<Document> entries = doc.getList("outbox", Document.class, List.of());
            if (entries.isEmpty()) return 0;
            List<CompletableFuture<?>> sends = new ArrayList<>();
            List<String> sent = new ArrayList<>();
            for (Document e : entries) {
                sends.add(kafka.send(new ProducerRecord<>(e.getString("topic"), e.getString("key"),
                        e.getString("envelope").getBytes(StandardCharsets.UTF_8))));
                sent.add(e.getString("eventId"));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId)),
                    new Update().pull("outbox", new Document("eventId", new Document("$in", sent))), OrderStore.COLLECTION);
            return sent.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying order " + orderId, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not relay order " + orderId + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Relays whatever is pending in any order (crash recovery, failed immediate relays); failures are retried later. */
    public int relayAll() {
        Query pending = Query.query(Criteria.where("outbox.0").exists(true));
        pending.fields().include("_id");
        int sent = 0;
        for (Document doc : mongo.find(pending, Document.class, OrderStore.COLLECTION)) {
            try {
                sent += relay(doc.getString("_id"));
            } catch (RuntimeException e) {
                log.warn("outbox relay of order {} failed, will retry: {}", doc.get("_id"), e.getMessage());
            }
        }
        return sent;
    }
}
