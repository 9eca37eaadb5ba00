package com.shopbff.support.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Histogram buckets for the latency of event delivery hops (0.5 ms to 30 s, finer around the 100 ms of the subscription bar), the same as the router's
 * {@code router_subscription_hop_seconds}, so that a benchmark can subtract two scrapes and read percentiles.
 */
public final class LatencyBuckets {
    private static final Duration[] BUCKETS = {ms(0.5), ms(1), ms(2), ms(5), ms(10), ms(20), ms(35), ms(50), ms(75),
            ms(100), ms(150), ms(250), ms(500), ms(1000), ms(2500), ms(5000), ms(10_000), ms(30_000)};

    private LatencyBuckets() {
    }

    public static Timer timer(String name, String description, MeterRegistry meters, String... tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS).register(meters);
    }

    private static Duration ms(double ms) {
        return Duration.ofNanos((long) (ms * 1_000_000));
    }
}
