package com.shopbff.router.telemetry;

import com.shopbff.router.subscription.SubscriptionMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import java.util.List;
import java.util.Map;

/**
 * The subscription counts the router keeps ({@link SubscriptionMetrics}) as Prometheus series, read at each scrape:
 * <ul>
 *   <li>{@code router_subscription_connections{transport}}: open client connections (websocket, sse);</li>
 *   <li>{@code router_subscriptions_active}: active client subscriptions, and per {@code subgraph} and {@code field}
 *       {@code router_subscriptions{subgraph,field}};</li>
 *   <li>{@code router_subscription_upstream_subscriptions{subgraph,field}}: upstream subscriptions after identical
 *       ones are shared; {@code router_subscription_upstream_connections{subgraph}}: open upstream WebSockets;</li>
 *   <li>counters {@code router_subscription_events_delivered_total}, {@code router_subscription_slow_clients_closed_total},
 *       {@code router_subscription_upstream_open_failures_total}, {@code router_subscription_upstream_lost_total};</li>
 *   <li>{@code router_subscription_hop_seconds{hop}} (histogram, 0.5 ms to 30 s): an event's time in the router,
 *       {@code upstream_to_client_queue} (upstream frame read to queued for every client) and {@code client_write}
 *       (queued to written to one client's socket).</li>
 * </ul>
 */
public final class SubscriptionMeters {
    /** As the subgraphs' event hops (subgraph-support LatencyBuckets), so that one benchmark reads both alike. */
    private static final Duration[] HOP_BUCKETS = {Duration.ofNanos(500_000), ms(1), ms(2), ms(5), ms(10), ms(20), ms(35),
            ms(50), ms(75), ms(100), ms(150), ms(250), ms(500), ms(1000), ms(2500), ms(5000), ms(10_000), ms(30_000)};

    private static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }
    private SubscriptionMeters() {
    }

    public static void bind(RouterMetrics metrics, SubscriptionMetrics subs) {
        MeterRegistry r = metrics.registry();
        Gauge.builder("router.subscription.connections", subs, SubscriptionMetrics::webSocketConnections)
                .description("Open subscription client connections").tag("transport", "websocket").register(r);
        Gauge.builder("router.subscription.connections", subs, SubscriptionMetrics::sseConnections)
                .description("Open subscription client connections").tag("transport", "sse").register(r);
        Gauge.builder("router.subscriptions.active", subs, SubscriptionMetrics::activeClientSubscriptions)
                .description("Active client subscriptions").register(r);
        counter(r, "router.subscription.events.delivered", "Subscription events delivered to clients", subs, SubscriptionMetrics::eventsDelivered);
        counter(r, "router.subscription.slow.clients.closed", "Clients disconnected for not reading their events", subs, SubscriptionMetrics::slowClientsClosed);
        counter(r, "router.subscription.revoked.clients.closed", "Clients disconnected because their session was revoked", subs, SubscriptionMetrics::revokedClientsClosed);
        counter(r, "router.subscription.upstream.open.failures", "Upstream subscriptions that could not be opened", subs, SubscriptionMetrics::upstreamOpenFailures);
        counter(r, "router.subscription.upstream.lost", "Upstream subscription connections lost", subs, SubscriptionMetrics::upstreamLost);

        Timer[] hops = new Timer[SubscriptionMetrics.Hop.values().length];
        for (SubscriptionMetrics.Hop h : SubscriptionMetrics.Hop.values()) {
            hops[h.ordinal()] = Timer.builder("router.subscription.hop").description("A subscription event's time in one hop of the router")
                    .tag("hop", h.name().toLowerCase(java.util.Locale.ROOT)).serviceLevelObjectives(HOP_BUCKETS).register(r);
        }
        subs.recordHopsWith((hop, nanos) -> hops[hop.ordinal()].record(nanos, TimeUnit.NANOSECONDS));

        MultiGauge byField = MultiGauge.builder("router.subscriptions").description("Active client subscriptions by subgraph and field").register(r);
        MultiGauge upstreamByField = MultiGauge.builder("router.subscription.upstream.subscriptions")
                .description("Upstream subscriptions by subgraph and field (identical client subscriptions share one)").register(r);
        MultiGauge upstreamConnections = MultiGauge.builder("router.subscription.upstream.connections")
                .description("Open upstream subscription connections by subgraph").register(r);
        metrics.beforeScrape(() -> {
            byField.register(rows(subs.clientSubscriptions()), true);
            upstreamByField.register(rows(subs.upstreamSubscriptions()), true);
            upstreamConnections.register(subs.upstreamConnections().entrySet().stream()
                    .map(e -> MultiGauge.Row.of(Tags.of("subgraph", e.getKey()), e.getValue())).toList(), true);
        });
    }

    private static List<MultiGauge.Row<?>> rows(Map<SubscriptionMetrics.Field, Long> counts) {
        return counts.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("subgraph", e.getKey().subgraph(), "field", e.getKey().field()), e.getValue()))
                .toList();
    }

    private static void counter(MeterRegistry r, String name, String description, SubscriptionMetrics subs,
                                java.util.function.ToDoubleFunction<SubscriptionMetrics> f) {
        FunctionCounter.builder(name, subs, f).description(description).register(r);
    }
}
