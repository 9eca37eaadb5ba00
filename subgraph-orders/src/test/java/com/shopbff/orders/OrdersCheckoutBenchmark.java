package com.shopbff.orders;

import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.orders.testing.GraphQlWsClient;
import com.shopbff.support.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * BENCHMARK, not a test: prints figures, asserts nothing about speed. Skipped unless {@code -Dorders.benchmark=true}:
 * <pre>
 * mvn -B -ntp -q -pl subgraph-orders -am verify -Dtest=OrdersCheckoutBenchmark -Dorders.benchmark=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false ; grep -A30 'BENCHMARK' subgraph-orders/target/surefire-reports/*Benchmark-output.txt
 * </pre>
 * Scope: the orders subgraph alone (HTTP checkout, saga over the real Kafka broker, MongoDB-wire server, outbox,
 * live feed and a graphql-transport-ws client), with the IN-TEST storehouse/wallet stand-in answering instead of the
 * catalog and wallet subgraphs, and without the router. End-to-end figures need the full stack.
 */
@EnabledIfSystemProperty(named = "orders.benchmark", matches = "true")
class OrdersCheckoutBenchmark extends OrdersIntegrationTest {
    private static final int ORDERS = Integer.getInteger("orders.benchmark.orders", 400);
    private static final int CLIENT_THREADS = Integer.getInteger("orders.benchmark.threads", 16);
    private static final int RATE = Integer.getInteger("orders.benchmark.rate", 10);
    private static final int SECONDS = Integer.getInteger("orders.benchmark.seconds", 30);

    @Autowired
    OrderStore store;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Test
    void printConfirmedCheckoutsPerSecondAndSubscriptionLatency() throws Exception {
        String loadBefore = loadAverage();
        String tea = product("Bench tea", 100, 1_000_000);
        // Warm-up, so JIT and connection pools do not count.
        run(tea, 50);
        List<String> ids = run(tea, ORDERS);
        List<OrderDocument> all = store.findAll(ids);
        List<OrderDocument> orders = all.stream().filter(o -> o.status() == OrderStatus.CONFIRMED).toList();
        long failed = all.size() - orders.size();
        Instant first = orders.stream().map(OrderDocument::placedAt).min(Instant::compareTo).orElseThrow();
        Instant last = orders.stream().map(o -> o.statusHistory().getLast().at()).max(Instant::compareTo).orElseThrow();
        Instant lastPlaced = orders.stream().map(OrderDocument::placedAt).max(Instant::compareTo).orElseThrow();
        List<Long> sagaMs = orders.stream().map(o -> Duration.between(o.placedAt(), o.statusHistory().getLast().at()).toMillis()).sorted().toList();
        double seconds = Duration.between(first, last).toMillis() / 1000.0;

        System.out.printf("""
                BENCHMARK orders subgraph throughput (in-test storehouse/wallet stand-in, no router); load average before/after: %s / %s
                  checkouts: %d placed by %d client threads in %.2f s; the last CONFIRMED %.2f s after the first was placed
                  confirmed checkouts per second: %.1f (FAILED, e.g. by saga timeout: %d)
                  saga time placed -> CONFIRMED: p50 %d ms, p99 %d ms, max %d ms
                """, loadBefore, loadAverage(), ORDERS, CLIENT_THREADS, Duration.between(first, lastPlaced).toMillis() / 1000.0, seconds,
                orders.size() / seconds, failed, pct(sagaMs, 50), pct(sagaMs, 99), sagaMs.getLast());
        String customer = fresh("latency");
        participants.balances.put(customer, Long.MAX_VALUE / 4);
        List<Long> latencies = new ArrayList<>();
        List<String> steady = Collections.synchronizedList(new ArrayList<>());
        try (GraphQlWsClient ws = GraphQlWsClient.connect(port, TestTokens.customer(customer))) {
            ws.subscribe("1", "subscription { orderStatusChanged { status at order { id } } }", Map.of());
            awaitLive(ws, "1", customer, http);
            int before = ws.messages.size();
            try (ScheduledExecutorService ticker = Executors.newScheduledThreadPool(1); ExecutorService clients = Executors.newFixedThreadPool(8)) {
                // Each tick hands a checkout to a client thread, so a slow answer does not lower the offered rate.
                var task = ticker.scheduleAtFixedRate(() -> clients.submit(() -> steady.add(placeOrder(customer, tea, 1, ADDRESS))),
                        0, 1000 / RATE, TimeUnit.MILLISECONDS);
                Thread.sleep(SECONDS * 1000L); // the benchmark's measuring window, not a wait for a result
                task.cancel(false);
            }
            awaitConfirmed(steady, SAGA);
            await().atMost(SAGA).until(() -> steady.stream().allMatch(id -> statusesOf(ws, "1", id).contains("CONFIRMED")
                    || statusesOf(ws, "1", id).contains("FAILED")));
            for (int i = before; i < ws.messages.size(); i++) {
                JsonNode event = ws.messages.get(i).path("payload").path("data").path("orderStatusChanged");
                if (event.isMissingNode()) continue;
                latencies.add(Duration.between(Instant.parse(event.path("at").asString()), ws.arrivals.get(i)).toMillis());
            }
        }
        Collections.sort(latencies);
        System.out.printf("""
                BENCHMARK orders subgraph subscription latency; load average now: %s
                  offered %d checkouts/s for %d s (%d placed): %d events, status change -> client p50 %d ms, p99 %d ms, max %d ms
                """, loadAverage(), RATE, SECONDS, steady.size(), latencies.size(), pct(latencies, 50), pct(latencies, 99),
                latencies.isEmpty() ? -1 : latencies.getLast());
    }

    private List<String> run(String tea, int n) throws Exception {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String c = fresh("bench");
            participants.balances.put(c, 1_000_000L);
            customers.add(c);
        }
        List<String> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS)) {
            List<Future<String>> placed = new ArrayList<>();
            for (String c : customers) placed.add(pool.submit(() -> placeOrder(c, tea, 1, ADDRESS)));
            for (Future<String> f : placed) ids.add(f.get());
        }
        awaitConfirmed(ids, Duration.ofMinutes(5));
        return ids;
    }

    /** Until every order is CONFIRMED or FAILED; polls a count, not the documents, so the polling costs little CPU. */
    private void awaitConfirmed(List<String> ids, Duration atMost) {
        var query = org.springframework.data.mongodb.core.query.Query.query(org.springframework.data.mongodb.core.query.Criteria
                .where("_id").in(ids).and("status").in(OrderStatus.CONFIRMED.name(), OrderStatus.FAILED.name()));
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> mongo.count(query, OrderStore.COLLECTION) == ids.size());
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return -1;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
