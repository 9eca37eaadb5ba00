package com.shopbff.orders.live;

import com.shopbff.support.telemetry.LatencyBuckets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where a live order event's time goes in this subgraph (always on, histograms; the subscription benchmark reads
 * them): {@code orders_live_consumed_seconds} (the event's {@code at} to its record polled from order.events),
 * {@code orders_live_dispatch_seconds} (one event handed to every live subscription of this instance: matching them
 * and building each match's result) and {@code orders_live_rendered_seconds} (the event's {@code at} to one
 * subscription's result built). The write to the WebSocket is {@code graphql_websocket_*} (subgraph-support).
 */
@Component
public class LiveFeedTimings {
    private final Timer consumed;
    private final Timer dispatch;
    private final Timer rendered;

    public LiveFeedTimings(MeterRegistry meters) {
        consumed = LatencyBuckets.timer("orders.live.consumed", "Order event 'at' to its record polled by the live feed", meters);
        dispatch = LatencyBuckets.timer("orders.live.dispatch", "One order event handed to every live subscription", meters);
        rendered = LatencyBuckets.timer("orders.live.rendered", "Order event 'at' to one subscription's result built", meters);
    }

    void consumed(Instant at, long nowMillis) {
        consumed.record(Math.max(0, nowMillis - at.toEpochMilli()), TimeUnit.MILLISECONDS);
    }

    void dispatched(long nanos) {
        dispatch.record(nanos, TimeUnit.NANOSECONDS);
    }

    void rendered(Instant at) {
        rendered.record(Math.max(0, System.currentTimeMillis() - at.toEpochMilli()), TimeUnit.MILLISECONDS);
    }
}
