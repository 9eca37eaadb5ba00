package com.shopbff.router.telemetry;

import com.shopbff.router.execution.SubgraphException;
import com.shopbff.router.pipeline.RouterObserver.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The router's Prometheus metrics (Micrometer). Meters are registered once per label combination and then looked up
 * without allocating: a request costs a map lookup and an array index per meter it updates.
 * <ul>
 *   <li>{@code router_requests_seconds} (histogram): requests by {@code operation} (name, {@code (anonymous)},
 *       {@code (unknown)} when none was found, {@code (other)} past the name limit), {@code type} (query, mutation,
 *       subscription, unknown) and {@code outcome} (success, partial, rejected, internal_error);</li>
 *   <li>{@code router_requests_in_flight};</li>
 *   <li>{@code router_subgraph_requests_seconds} (histogram): subgraph calls by {@code subgraph} and {@code outcome}
 *       (success, http_error, timeout, connection_error);</li>
 *   <li>{@code router_plan_cache_requests_total}: plan lookups by {@code result} (hit, miss);</li>
 *   <li>subscriptions ({@link SubscriptionMeters}); JVM and process metrics.</li>
 * </ul>
 */
public final class RouterMetrics implements AutoCloseable {
    static final String ANONYMOUS = "(anonymous)";
    static final String UNKNOWN = "(unknown)";
    static final String OTHER = "(other)";
    private static final String[] TYPES = {"query", "mutation", "subscription", "unknown"};
    private static final Outcome.Kind[] KINDS = Outcome.Kind.values();
    private static final String[] SUBGRAPH_OUTCOMES = {"success", "http_error", "timeout", "connection_error"};
    /** Histogram buckets of request and subgraph-call durations. */
    private static final Duration[] BUCKETS = {ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500),
            ms(1000), ms(2500), ms(5000), ms(10_000), ms(30_000)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Timer[]> operations = new ConcurrentHashMap<>();
    private final AtomicInteger distinctNames = new AtomicInteger();
    private final int maxOperationNames;
    private final ConcurrentHashMap<String, Timer[]> subgraphs = new ConcurrentHashMap<>();
    private final Counter planHits;
    private final Counter planMisses;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final java.util.List<Runnable> beforeScrape = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RouterMetrics(int maxOperationNames) {
        this.maxOperationNames = maxOperationNames;
        planHits = Counter.builder("router.plan.cache.requests").description("Query-plan cache lookups")
                .tag("result", "hit").register(registry);
        planMisses = Counter.builder("router.plan.cache.requests").description("Query-plan cache lookups")
                .tag("result", "miss").register(registry);
        Gauge.builder("router.requests.in.flight", inFlight, AtomicInteger::get)
                .description("GraphQL requests being executed").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Registers the meters of these subgraphs up front (others are registered on their first call). */
    public void registerSubgraphs(Iterable<String> names) {
        for (String n : names) subgraphTimers(n);
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void planCache(boolean hit) {
        (hit ? planHits : planMisses).increment();
    }

    /**
     * @param operationName the name, null for an anonymous operation
     * @param type          query, mutation or subscription; null when no operation was found
     */
    void requestFinished(String operationName, String type, Outcome.Kind kind, long nanos) {
        inFlight.decrementAndGet();
        String name = type == null ? UNKNOWN : operationName == null ? ANONYMOUS : operationName;
        int t = typeIndex(type);
        Timer[] timers = operations.get(name);
        if (timers == null) timers = operationTimers(name);
        int i = t * KINDS.length + kind.ordinal();
        Timer timer = timers[i];
        if (timer == null) {
            timer = Timer.builder("router.requests").description("GraphQL requests by operation, type and outcome")
                    .tag("operation", timers == operations.get(OTHER) ? OTHER : name).tag("type", TYPES[t])
                    .tag("outcome", kind.name().toLowerCase(Locale.ROOT))
                    .serviceLevelObjectives(BUCKETS).register(registry);
            timers[i] = timer; // a racing thread registers the same meter: Micrometer returns one instance per id
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A subgraph call ended: {@code httpStatus} 0 with a {@code failure} when no response came. */
    void subgraphCallFinished(String subgraph, int httpStatus, long nanos, Throwable failure) {
        Timer[] timers = subgraphs.get(subgraph);
        if (timers == null) timers = subgraphTimers(subgraph);
        int outcome = failure == null ? (httpStatus >= 200 && httpStatus < 300 ? 0 : 1)
                : failure instanceof SubgraphException se && "SUBREQUEST_TIMEOUT".equals(se.code()) ? 2 : 3;
        timers[outcome].record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code refresh} before each scrape (for meters whose label sets change, like {@code MultiGauge}s). */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        for (Runnable r : beforeScrape) r.run();
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private Timer[] operationTimers(String name) {
        Timer[] existing = operations.get(name);
        if (existing != null) return existing;
        if (distinctNames.get() >= maxOperationNames && !name.equals(ANONYMOUS) && !name.equals(UNKNOWN)) {
            return operations.computeIfAbsent(OTHER, n -> new Timer[TYPES.length * KINDS.length]);
        }
        return operations.computeIfAbsent(name, n -> {
            if (!n.equals(ANONYMOUS) && !n.equals(UNKNOWN)) distinctNames.incrementAndGet();
            return new Timer[TYPES.length * KINDS.length];
        });
    }

    private Timer[] subgraphTimers(String subgraph) {
        return subgraphs.computeIfAbsent(subgraph, s -> {
            Timer[] t = new Timer[SUBGRAPH_OUTCOMES.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = Timer.builder("router.subgraph.requests").description("Subgraph requests by subgraph and outcome")
                        .tag("subgraph", s).tag("outcome", SUBGRAPH_OUTCOMES[i])
                        .serviceLevelObjectives(BUCKETS).register(registry);
            }
            return t;
        });
    }

    private static int typeIndex(String type) {
        if (type == null) return 3;
        return switch (type) {
            case "query" -> 0;
            case "mutation" -> 1;
            case "subscription" -> 2;
            default -> 3;
        };
    }

    private static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
