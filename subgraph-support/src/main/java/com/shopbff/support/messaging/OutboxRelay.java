package com.shopbff.support.messaging;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the {@code outbox} entries of the documents of one collection to Kafka and pulls them once the broker
 * acknowledged them. A crash between the send and the pull only sends them again; consumers are idempotent by event id.
 * <ul>
 *   <li>{@link #relayLater(Object)} right after a write: the entries go out on the relay executor, so a Kafka listener
 *       or request thread never waits for the broker;</li>
 *   <li>{@link #relay(Object)} to send now and wait;</li>
 *   <li>{@link #relayAll()} on a schedule, for whatever a crash or a failed send left behind.</li>
 * </ul>
 * One document is relayed by one thread at a time (striped locks), all its entries at once and in outbox order (the
 * idempotent producer keeps that order per partition), and pulled in one update; different documents relay in parallel.
 */
public class OutboxRelay {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long SEND_TIMEOUT_MS = 10_000;

    private final MongoTemplate mongo;
    private final MessagePublisher publisher;
    private final String collection;
    private final Executor executor;
    private final OutboxRelayTimings timings;
    private final ReentrantLock[] stripes = new ReentrantLock[64];
    /** Documents with a relay waiting on the executor. */
    private final java.util.Set<Object> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A relay whose {@link #relayLater} sends on the caller's thread. */
    public OutboxRelay(MongoTemplate mongo, MessagePublisher publisher, String collection) {
        this(mongo, publisher, collection, Runnable::run);
    }

    /**
     * @param executor runs {@link #relayLater}; when it refuses (queue full, shutting down) the caller relays itself,
     *                 which slows intake instead of piling up work
     */
    public OutboxRelay(MongoTemplate mongo, MessagePublisher publisher, String collection, Executor executor) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.collection = collection;
        this.executor = executor;
        this.timings = new OutboxRelayTimings(publisher.meters(), collection);
        for (int i = 0; i < stripes.length; i++) stripes[i] = new ReentrantLock();
    }

    /**
     * An executor for {@link #relayLater}: {@code threads} daemon threads named {@code name-N}, a bounded queue, and
     * refusal when it is full (the caller then relays itself). Shut it down with its application context.
     */
    public static ThreadPoolExecutor newExecutor(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                r -> Thread.ofPlatform().daemon().name(name + "-" + n.incrementAndGet()).unstarted(r),
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public String collection() {
        return collection;
    }

    /** Relays the pending entries of one document soon, off this thread; a failure is logged and left to {@link #relayAll}. */
    public void relayLater(Object id) {
        relayLater(id, () -> { });
    }

    /**
     * Like {@link #relayLater(Object)}; {@code onFailure} runs after a failed send (to schedule a retry of this id).
     * A document already waiting for its relay is not queued twice: that relay reads the outbox when it runs, so it
     * sends this write's entries too (a busy document, like a popular product, costs one relay per burst of writes).
     */
    public void relayLater(Object id, Runnable onFailure) {
        if (!queued.add(id)) return;
        long asked = System.nanoTime();
        Runnable task = () -> {
            queued.remove(id); // before reading: a write after this point queues a relay of its own
            try {
                relay(id, asked);
            } catch (RuntimeException e) {
                log.warn("outbox relay of {} {} failed, will retry: {}", collection, id, e.getMessage());
                onFailure.run();
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException busy) {
            task.run();
        }
    }

    /** Relays the pending entries of one document now; returns how many were sent. */
    public int relay(Object id) {
        return relay(id, System.nanoTime());
    }

    private int relay(Object id, long asked) {
        ReentrantLock lock = stripes[Math.floorMod(id.hashCode(), stripes.length)];
        lock.lock();
        try {
            long t = OutboxRelayTimings.since(timings.queued, asked);
            // Read inside the lock: a relay of the same document that ran just before has pulled what it sent.
            Query byId = Query.query(Criteria.where("_id").is(id));
            byId.fields().include("outbox");
            Document doc = mongo.findOne(byId, Document.class, collection);
            t = OutboxRelayTimings.since(timings.read, t);
            if (doc == null) return 0;
            List<Document> entries = doc.getList("outbox", Document.class, List.of());
            if (entries.isEmpty()) return 0;
            List<CompletableFuture<Void>> sends = new ArrayList<>(entries.size());
            List<String> sent = new ArrayList<>(entries.size());
            for (Document e : entries) {
                sends.add(publisher.publishStored(collection, e));
                sent.add(e.getString("eventId"));
            }
            t = OutboxRelayTimings.since(timings.sent, t);
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            t = OutboxRelayTimings.since(timings.acked, t);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                    new Update().pull("outbox", new Document("eventId", new Document("$in", sent))), collection);
            OutboxRelayTimings.since(timings.pulled, t);
            return sent.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying " + collection + " " + id, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not relay " + collection + " " + id + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Relays every pending entry of the collection; returns how many were sent. Failures are logged and retried on the
     * next sweep. Finding the pending documents scans the collection on a server without a secondary index on
     * {@code outbox}, so call it on a schedule, not per write.
     */
    public int relayAll() {
        Query pending = Query.query(Criteria.where("outbox.0").exists(true));
        pending.fields().include("_id");
        int sent = 0;
        for (Document doc : mongo.find(pending, Document.class, collection)) {
            try {
                sent += relay(doc.get("_id"));
            } catch (RuntimeException e) {
                log.warn("outbox relay of {} {} failed, will retry: {}", collection, doc.get("_id"), e.getMessage());
            }
        }
        return sent;
    }
}
