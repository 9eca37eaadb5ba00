package com.shopbff.router.subscription;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counts of the router's subscriptions, for health output and metrics exporters. Thread-safe; reading is
 * cheap (sums of {@link LongAdder}s) and never blocks the event loops that write.
 * <ul>
 *   <li>gauges: client connections per transport, client subscriptions per (subgraph, field), upstream
 *       subscriptions per (subgraph, field) (fewer than client subscriptions when identical ones are shared), upstream
 *       WebSocket connections per subgraph;</li>
 *   <li>counters (since start): events delivered to clients, slow clients closed, upstreams that could not be
 *       opened, upstream subscriptions ended by a lost connection.</li>
 * </ul>
 */
public final class SubscriptionMetrics {
    /** A subscription root field of a subgraph. */
    public record Field(String subgraph, String field) {
    }

    /** The router's hops of a subscription event, timed for latency histograms ({@link #recordHopsWith}). */
    public enum Hop {
        /** An upstream {@code next} frame read to the event queued for writing to every client it goes to. */
        UPSTREAM_TO_CLIENT_QUEUE,
        /** An event queued for a client's socket to written to it. */
        CLIENT_WRITE
    }

    /** Takes the hop timings (e.g. into histograms); called on event loops, so it must be cheap and thread-safe. */
    @FunctionalInterface
    public interface HopRecorder {
        void record(Hop hop, long nanos);
    }

    private volatile HopRecorder hops;

    private final LongAdder webSocketConnections = new LongAdder();
    private final LongAdder sseConnections = new LongAdder();
    private final Map<Field, LongAdder> clientSubscriptions = new ConcurrentHashMap<>();
    private final Map<Field, LongAdder> upstreamSubscriptions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> upstreamConnections = new ConcurrentHashMap<>();
    private final LongAdder eventsDelivered = new LongAdder();
    private final LongAdder slowClientsClosed = new LongAdder();
    private final LongAdder revokedClientsClosed = new LongAdder();
    private final LongAdder upstreamOpenFailures = new LongAdder();
    private final LongAdder upstreamLost = new LongAdder();

    // ---- read side (observability exporters, /health) ----

    /** Open graphql-transport-ws client connections. */
    public long webSocketConnections() {
        return webSocketConnections.sum();
    }

    /** Open graphql-sse client streams. */
    public long sseConnections() {
        return sseConnections.sum();
    }

    /** Active client subscriptions per subgraph and root field. */
    public Map<Field, Long> clientSubscriptions() {
        return sums(clientSubscriptions);
    }

    /** Active upstream subscriptions (after sharing identical ones) per subgraph and root field. */
    public Map<Field, Long> upstreamSubscriptions() {
        return sums(upstreamSubscriptions);
    }

    /** Open upstream WebSocket connections per subgraph. */
    public Map<String, Long> upstreamConnections() {
        return sums(upstreamConnections);
    }

    /** Total of {@link #clientSubscriptions()}. */
    public long activeClientSubscriptions() {
        return clientSubscriptions.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long eventsDelivered() {
        return eventsDelivered.sum();
    }

    public long slowClientsClosed() {
        return slowClientsClosed.sum();
    }

    /** Client connections ended because the session their token belongs to was revoked while they were open. */
    public long revokedClientsClosed() {
        return revokedClientsClosed.sum();
    }

    public long upstreamOpenFailures() {
        return upstreamOpenFailures.sum();
    }

    public long upstreamLost() {
        return upstreamLost.sum();
    }

    /** Everything above as a JSON-ready map, for {@code GET /health}. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("webSocketConnections", webSocketConnections());
        m.put("sseConnections", sseConnections());
        m.put("clientSubscriptions", activeClientSubscriptions());
        m.put("byField", byField());
        m.put("upstreamConnections", new TreeMap<>(upstreamConnections()));
        m.put("eventsDelivered", eventsDelivered());
        m.put("slowClientsClosed", slowClientsClosed());
        m.put("revokedClientsClosed", revokedClientsClosed());
        m.put("upstreamOpenFailures", upstreamOpenFailures());
        m.put("upstreamLost", upstreamLost());
        return m;
    }

    private Map<String, Object> byField() {
        Map<String, Object> out = new TreeMap<>();
        Map<Field, Long> up = upstreamSubscriptions();
        clientSubscriptions().forEach((f, n) -> out.put(f.subgraph() + "." + f.field(),
                Map.of("client", n, "upstream", up.getOrDefault(f, 0L))));
        return out;
    }

    /** Where the hop timings go (none by default). */
    public void recordHopsWith(HopRecorder recorder) {
        this.hops = recorder;
    }

    /** Whether hop timings are taken (then a client write costs a completion callback). */
    boolean timesHops() {
        return hops != null;
    }

    // ---- write side (the subscription package) ----

    void hop(Hop hop, long nanos) {
        HopRecorder r = hops;
        if (r != null) r.record(hop, nanos);
    }

    void webSocketOpened(int delta) {
        webSocketConnections.add(delta);
    }

    void sseOpened(int delta) {
        sseConnections.add(delta);
    }

    void clientSubscription(Field f, int delta) {
        clientSubscriptions.computeIfAbsent(f, k -> new LongAdder()).add(delta);
    }

    void upstreamSubscription(Field f, int delta) {
        upstreamSubscriptions.computeIfAbsent(f, k -> new LongAdder()).add(delta);
    }

    void upstreamConnection(String subgraph, int delta) {
        upstreamConnections.computeIfAbsent(subgraph, k -> new LongAdder()).add(delta);
    }

    void delivered(int n) {
        eventsDelivered.add(n);
    }

    void slowClientClosed() {
        slowClientsClosed.increment();
    }

    void revokedClientClosed() {
        revokedClientsClosed.increment();
    }

    void upstreamOpenFailed() {
        upstreamOpenFailures.increment();
    }

    void upstreamLostOne() {
        upstreamLost.increment();
    }

    private static <K> Map<K, Long> sums(Map<K, LongAdder> m) {
        Map<K, Long> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
