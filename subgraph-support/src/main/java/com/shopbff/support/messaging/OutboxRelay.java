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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the {@code outbox} entries of the documents of one collection to Kafka and pulls them once the broker
 * acknowledged them. A crash between the send and the pull only sends them again; consumers are idempotent by event id.
 * <ul>
 *   <li>{@link #relayLater(Object)} right after a write: the entries go out from the relay executor, so a Kafka listener
 *       or request thread never waits for the broker, and no relay thread waits for it either (see below);</li>
 *   <li>{@link #relay(Object)} to send now and wait;</li>
 *   <li>{@link #relayAll()} on a schedule, for whatever a crash or a failed send left behind.</li>
 * </ul>
 * A relay of a document is a <em>round</em>: read its pending entries, hand them all to the producer in outbox order (the
 * idempotent producer keeps that order per partition), and once the broker acknowledged every one of them pull them in
 * one update. One round per document is in flight at a time; a relay asked for while a round is in flight makes one
 * more round right after it (however many ask), which reads what that one did not pull, so a document's entries go out
 * in order and each once. Different documents relay in parallel. A round started by {@link #relayLater} holds no thread
 * while the broker acknowledges: the acknowledgement hands the pull back to the executor, so the relay's throughput is
 * its executor's reads and pulls, not its threads divided by the broker's round trip (docs/decisions/0022).
 */
public class OutboxRelay {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long SEND_TIMEOUT_MS = 10_000;

    private final MongoTemplate mongo;
    private final MessagePublisher publisher;
    private final String collection;
    /** Runs rounds started by {@link #relayLater} and their pulls; null: {@link #relayLater} relays on the caller's thread. */
    private final Executor executor;
    private final OutboxRelayTimings timings;
    /** The documents with a round in flight. */
    private final ConcurrentHashMap<Object, Flight> flights = new ConcurrentHashMap<>();

    /** A relay whose {@link #relayLater} sends on the caller's thread and waits for the broker. */
    public OutboxRelay(MongoTemplate mongo, MessagePublisher publisher, String collection) {
        this(mongo, publisher, collection, null);
    }

    /**
     * @param executor runs {@link #relayLater}'s rounds; when it refuses (queue full, shutting down) the caller relays
     *                 itself and waits for the broker, which slows intake instead of piling up work
     */
    public OutboxRelay(MongoTemplate mongo, MessagePublisher publisher, String collection, Executor executor) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.collection = collection;
        this.executor = executor;
        this.timings = new OutboxRelayTimings(publisher.meters(), collection);
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
     * A relay asked for before the document's round read the outbox joins that round (a busy document, like a popular
     * product, costs one round per burst of writes); asked for after, it makes the next round.
     */
    public void relayLater(Object id, Runnable onFailure) {
        if (executor == null) {
            try {
                relay(id);
            } catch (RuntimeException e) {
                onFailure.run(); // the round logged why
            }
            return;
        }
        Ask ask = ask(id);
        ask.round.done.whenComplete((n, e) -> {
            if (e != null) onFailure.run();
        });
        if (ask.starts) {
            try {
                executor.execute(() -> begin(id, ask.round, false));
            } catch (RejectedExecutionException busy) {
                begin(id, ask.round, true);
            }
        }
    }

    /**
     * Relays the pending entries of one document now and waits until the broker acknowledged them (or a round of it in
     * flight, then the next); returns how many entries the round it waited on sent. Callers that wait on the same round
     * share it: one of them gets its count, the others 0, so that concurrent callers' counts add up to what was sent.
     *
     * @throws IllegalStateException when the send failed (the entries stay in the outbox)
     */
    public int relay(Object id) {
        Ask ask = ask(id);
        if (ask.starts) begin(id, ask.round, true);
        try {
            int sent = ask.round.done.get();
            return ask.round.counted.compareAndSet(false, true) ? sent : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying " + collection + " " + id, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalStateException failed) throw failed;
            throw new IllegalStateException("could not relay " + collection + " " + id + ": " + e.getCause().getMessage(), e.getCause());
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
                // the round logged why; the next sweep retries
            }
        }
        return sent;
    }

    /** One relay of a document: read, send, acknowledged, pulled. */
    private static final class Round {
        final CompletableFuture<Integer> done = new CompletableFuture<>();
        final long asked = System.nanoTime();
        /** Its count went to one of the {@link #relay} callers waiting on it. */
        final java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();
        /** Its read has begun: a relay asked for from now on needs the next round. Guarded by the flights map. */
        boolean reading;
    }

    /** The round of a document in flight and the one asked for after it had read. Guarded by the flights map. */
    private static final class Flight {
        Round current;
        Round next;

        Flight(Round current) {
            this.current = current;
        }
    }

    /** The round a relay asked for now waits on; {@code starts}: the caller must begin it (none was in flight). */
    private record Ask(Round round, boolean starts) {}

    private Ask ask(Object id) {
        Ask[] ask = new Ask[1];
        flights.compute(id, (k, f) -> {
            if (f == null) {
                Round r = new Round();
                ask[0] = new Ask(r, true);
                return new Flight(r);
            }
            if (!f.current.reading) {
                ask[0] = new Ask(f.current, false);
            } else {
                if (f.next == null) f.next = new Round();
                ask[0] = new Ask(f.next, false);
            }
            return f;
        });
        return ask[0];
    }

    /**
     * Reads the document's pending entries and hands them to the producer; {@code inline}: waits for the broker and
     * pulls on this thread, else the acknowledgement hands the pull to the executor.
     */
    private void begin(Object id, Round round, boolean inline) {
        flights.computeIfPresent(id, (k, f) -> {
            f.current.reading = true;
            return f;
        });
        List<String> sent;
        CompletableFuture<Void> acked;
        long t;
        try {
            t = OutboxRelayTimings.since(timings.queued, round.asked);
            Query byId = Query.query(Criteria.where("_id").is(id));
            byId.fields().include("outbox");
            Document doc = mongo.findOne(byId, Document.class, collection);
            t = OutboxRelayTimings.since(timings.read, t);
            List<Document> entries = doc == null ? List.of() : doc.getList("outbox", Document.class, List.of());
            if (entries.isEmpty()) {
                finish(id, round, 0, null);
                return;
            }
            List<CompletableFuture<Void>> sends = new ArrayList<>(entries.size());
            sent = new ArrayList<>(entries.size());
            for (Document e : entries) {
                sends.add(publisher.publishStored(collection, e));
                sent.add(e.getString("eventId"));
            }
            t = OutboxRelayTimings.since(timings.sent, t);
            acked = CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).orTimeout(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            finish(id, round, 0, e);
            return;
        }
        long handed = t;
        List<String> ids = sent;
        if (inline) {
            Throwable failure = null;
            try {
                acked.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
            pull(id, round, ids, handed, failure);
            return;
        }
        // The broker's acknowledgement completes on the producer's I/O thread: the pull (a blocking write) goes back
        // to the executor, or to a thread of its own when the executor refuses it.
        acked.whenComplete((v, e) -> {
            Runnable pull = () -> pull(id, round, ids, handed, e);
            try {
                executor.execute(pull);
            } catch (RejectedExecutionException busy) {
                Thread.ofVirtual().name("outbox-relay-pull").start(pull);
            }
        });
    }

    /** Pulls the sent entries once the broker acknowledged them all; a failed send pulls nothing. */
    private void pull(Object id, Round round, List<String> sent, long handed, Throwable sendFailure) {
        if (sendFailure != null) {
            finish(id, round, 0, sendFailure);
            return;
        }
        try {
            long t = OutboxRelayTimings.since(timings.acked, handed);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                    new Update().pull("outbox", new Document("eventId", new Document("$in", sent))), collection);
            OutboxRelayTimings.since(timings.pulled, t);
            finish(id, round, sent.size(), null);
        } catch (RuntimeException e) {
            finish(id, round, 0, e);
        }
    }

    /** Ends the document's round in flight and begins the one asked for meanwhile, if any. */
    private void finish(Object id, Round round, int sent, Throwable failure) {
        Round[] next = new Round[1];
        flights.compute(id, (k, f) -> {
            if (f == null || f.next == null) return null;
            f.current = next[0] = f.next;
            f.next = null;
            return f;
        });
        if (failure == null) {
            round.done.complete(sent);
        } else {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            String why = cause instanceof TimeoutException ? "no acknowledgement from the broker in " + SEND_TIMEOUT_MS + " ms"
                    : cause.getMessage();
            log.warn("outbox relay of {} {} failed, will retry: {}", collection, id, why);
            round.done.completeExceptionally(new IllegalStateException("could not relay " + collection + " " + id + ": " + why, cause));
        }
        if (next[0] == null) return;
        // Not on this thread: it may be the producer's I/O thread or a caller of relay() that has its own round done.
        Round r = next[0];
        try {
            if (executor == null) throw new RejectedExecutionException("no executor");
            executor.execute(() -> begin(id, r, false));
        } catch (RejectedExecutionException busy) {
            Thread.ofVirtual().name("outbox-relay").start(() -> begin(id, r, true));
        }
    }
}
