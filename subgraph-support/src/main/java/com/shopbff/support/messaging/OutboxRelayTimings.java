package com.shopbff.support.messaging;

import com.shopbff.support.telemetry.LatencyBuckets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Where an outbox relay's time goes, per collection (always on, histograms with {@link LatencyBuckets}; the subscription
 * benchmark reads them): {@code outbox_relay_queued_seconds} (a relay asked for → its read of the document starts: the
 * executor's queue and the wait for the document's relay in flight), {@code outbox_relay_read_seconds} (reading the
 * pending entries), {@code outbox_relay_sent_seconds} (handing them to the producer), {@code outbox_relay_acked_seconds}
 * (handed → the broker acknowledged all of them) and {@code outbox_relay_pulled_seconds} (acknowledged → pulled from the
 * outbox). The whole write → acknowledgement per entry is {@code shop.outbox.lag} ({@link MessagePublisher}).
 */
final class OutboxRelayTimings {
    final Timer queued;
    final Timer read;
    final Timer sent;
    final Timer acked;
    final Timer pulled;

    OutboxRelayTimings(MeterRegistry meters, String collection) {
        queued = LatencyBuckets.timer("outbox.relay.queued", "Outbox relay asked for to its read of the document started", meters, "collection", collection);
        read = LatencyBuckets.timer("outbox.relay.read", "Outbox relay: reading a document's pending entries", meters, "collection", collection);
        sent = LatencyBuckets.timer("outbox.relay.sent", "Outbox relay: handing a document's entries to the producer", meters, "collection", collection);
        acked = LatencyBuckets.timer("outbox.relay.acked", "Outbox relay: entries handed to the producer to all acknowledged by the broker", meters, "collection", collection);
        pulled = LatencyBuckets.timer("outbox.relay.pulled", "Outbox relay: broker acknowledgement to the entries pulled from the outbox", meters, "collection", collection);
    }

    /** Records {@code System.nanoTime() - sinceNanos} on {@code timer}; returns now. */
    static long since(Timer timer, long sinceNanos) {
        long now = System.nanoTime();
        timer.record(now - sinceNanos, TimeUnit.NANOSECONDS);
        return now;
    }
}
