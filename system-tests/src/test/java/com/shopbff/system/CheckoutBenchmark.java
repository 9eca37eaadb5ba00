package com.shopbff.system;

import com.shopbff.stack.LocalStack;
import com.shopbff.stack.StackSettings;
import com.shopbff.system.Shop.Customer;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checkout benchmark (not a test; run by scripts/bench-checkout.sh). On the embedded stack in this JVM (all five
 * subgraphs and the router, as ./run.sh runs them, but with an in-memory MongoDB-wire server), through the router:
 * <ol>
 *   <li>throughput: N checkouts (addToCart + checkout per order) by C concurrent clients, each subscribed to its own
 *       orders' {@code orderStatusChanged}, timed from the first request to the arrival of the last order's final
 *       status event (no polling: a poll of order counts would scan the orders collection and slow what it measures);</li>
 *   <li>latency: checkouts at a steady R per second for D seconds by customers subscribed to orderStatusChanged; for
 *       every event, arrival at the client minus the event's own {@code at} (the time the orders subgraph recorded the
 *       status change; same JVM, same clock).</li>
 * </ol>
 * System properties: bench.orders (1200), bench.warmup (300 orders a warm-up round, see {@link #warmUp}), bench.concurrency (24), bench.products (1: every client buys
 * the same product, the hot-spot case), bench.rate (10), bench.seconds (30).
 */
public final class CheckoutBenchmark {
    public static void main(String[] args) {
        int status = 0;
        try {
            run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        // Exit even when a client or Kafka thread is left: a failed benchmark must not leave a JVM behind.
        System.exit(status);
    }

    private static void run() throws Exception {
        int orders = Integer.getInteger("bench.orders", 1200);
        int concurrency = Integer.getInteger("bench.concurrency", 24);
        int rate = Integer.getInteger("bench.rate", 10);
        int seconds = Integer.getInteger("bench.seconds", 30);
        String url = System.getProperty("bench.url", "");
        if (!url.isBlank()) {
            // An already running shop, e.g. scripts/cluster.sh's load balancer (bench-checkout.sh BENCH_TARGET=cluster).
            System.out.println("against " + url);
            Shop shop = new Shop(new Gql(url), System.getProperty("bench.mongodb.uri"), System.getProperty("bench.admin.email", "admin@example.com"),
                    System.getProperty("bench.admin.password", "admin12345"));
            measure(shop, System.getProperty("bench.catalog.url", ""), orders, concurrency, rate, seconds);
            return;
        }
        Path dir = Files.createTempDirectory("bench-checkout-");
        StackSettings settings = StackSettings.forTests(dir.resolve("data"), Path.of(System.getProperty("shop.supergraph", "schema/supergraph.graphql")));
        long t0 = System.nanoTime();
        try (LocalStack stack = LocalStack.start(settings)) {
            SystemStack.awaitRouterReady(settings.routerPort());
            System.out.printf("stack ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            measure(new Shop(new Gql(stack.routerUrl()), stack), "http://localhost:" + settings.catalogPort(), orders, concurrency, rate, seconds);
        }
    }

    private static void measure(Shop shop, String catalogUrl, int orders, int concurrency, int rate, int seconds) throws Exception {
        int productCount = Math.max(1, Integer.getInteger("bench.products", 1));
        List<String> products = new ArrayList<>();
        for (int p = 0; p < productCount; p++) products.add(shop.createProduct("Bench tea " + p, "1.00", 1_000_000));
        // Customer i buys products[i % count]: 1 product = everyone on one hot stock document (worst case).
        java.util.function.IntFunction<String> productOf = i -> products.get(i % products.size());
        List<Customer> customers = ConcurrentCheckoutSystemTest.parallel(4, concurrency, i -> {
            Customer c = shop.signUp("bench" + i);
            shop.topUp(c, "10000.00");
            shop.addToCart(c, productOf.apply(i), 1);
            return c;
        });
        List<Subscriber> subs = subscribe(shop, customers);
        warmUp(shop, productOf, customers, subs, concurrency);
        JitCpu before = JitCpu.now();
        double perSecond = runThroughput(shop, productOf, customers, subs, orders, concurrency);
        double jitShare = JitCpu.now().shareSince(before);
        for (Subscriber s : subs) s.close();
        System.out.println("  storehouse: " + metric(catalogUrl, "catalog_stock_conflicts_total")
                + " stock compare-and-set attempts lost to a concurrent movement (whole run)");
        System.out.printf("THROUGHPUT: %.1f confirmed checkouts/s end to end (%d orders, %d concurrent clients; each = addToCart + checkout, timed until all CONFIRMED; JIT compiler threads used %.0f %% of the process's CPU meanwhile)%n",
                perSecond, orders, concurrency, jitShare * 100);
        runLatency(shop, productOf, customers, rate, seconds);
    }

    /**
     * Warm-up in rounds of bench.warmup (300) orders until the rate stops rising: the mean of the last four rounds
     * is less than 3 % above the mean of the four before (at least 12 rounds, at most bench.warmup.rounds, 30). All
     * five subgraphs, the router, the broker and the database share this JVM; its code reaches the optimising
     * compiler's tier slowly (the compiler threads use ~10 % of the CPU for minutes), and the first rounds run at a
     * third of the final rate or less (20/s, 34/s, 47/s ... 68/s; in another run still rising at 90/s after 5 700
     * orders; decision 0011). Measuring before the plateau measures the warm-up. Each round also exercises connection
     * pools and consumer assignments.
     */
    private static void warmUp(Shop shop, java.util.function.IntFunction<String> productOf, List<Customer> customers,
                               List<Subscriber> subs, int concurrency) throws Exception {
        int perRound = Integer.getInteger("bench.warmup", 300);
        int maxRounds = Integer.getInteger("bench.warmup.rounds", 30);
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round <= maxRounds && perRound > 0; round++) {
            JitCpu before = JitCpu.now();
            rates.add(runThroughput(shop, productOf, customers, subs, perRound, concurrency));
            System.out.printf("  warm-up round %d: %.1f confirmed/s; JIT compiler threads used %.0f %% of the process's CPU%n",
                    round, rates.getLast(), JitCpu.now().shareSince(before) * 100);
            int n = rates.size();
            if (n >= 12 && mean(rates.subList(n - 4, n)) < 1.03 * mean(rates.subList(n - 8, n - 4))) {
                System.out.printf("  warm-up: the rate stopped rising after %d orders%n", n * perRound);
                return;
            }
        }
        System.out.println("  warm-up: the rate was still rising after the last round");
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** A counter of a subgraph's Prometheus endpoint, or "?" when it cannot be read. */
    private static String metric(String baseUrl, String name) {
        if (baseUrl.isBlank()) return "?";
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(l -> l.startsWith(name)).map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    /**
     * CPU time of this process and of its JIT compiler threads, from /proc (Linux clock ticks). The compilation MXBean
     * reports the compilers' elapsed time, which on a saturated machine counts the time they waited for a core.
     */
    private record JitCpu(long compilerTicks, long processTicks) {
        static JitCpu now() {
            long compiler = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String comm = Files.readString(task.resolve("comm")).trim();
                        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) compiler += ticks(task.resolve("stat"));
                    } catch (java.io.IOException gone) {
                        // the thread ended between listing and reading
                    }
                }
                return new JitCpu(compiler, ticks(Path.of("/proc/self/stat")));
            } catch (java.io.IOException e) {
                return new JitCpu(0, 0); // not Linux: the share reads as 0
            }
        }

        /** utime + stime of a /proc stat line (fields 14 and 15; the command name in parentheses may hold spaces). */
        private static long ticks(Path stat) throws java.io.IOException {
            String line = Files.readString(stat);
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        double shareSince(JitCpu before) {
            long process = processTicks - before.processTicks;
            return process <= 0 ? 0 : (double) (compilerTicks - before.compilerTicks) / process;
        }
    }

    private static List<Subscriber> subscribe(Shop shop, List<Customer> customers) throws InterruptedException {
        List<Subscriber> subs = new ArrayList<>();
        for (Customer c : customers) {
            subs.add(Subscriber.open(shop.gql().url().toString(), c.token(),
                    "subscription { orderStatusChanged { status at order { id } } }", Map.of()));
        }
        Thread.sleep(2000); // let the router open every subscription on the orders subgraph before measuring
        return subs;
    }

    private static final java.util.Set<String> FINAL = java.util.Set.of("CONFIRMED", "FAILED", "CANCELLED");

    /** Order ids whose final status event has arrived at a subscriber. */
    private static java.util.Set<String> finalEvents(List<Subscriber> subs) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Subscriber s : subs) {
            for (Subscriber.Event e : s.events()) {
                JsonNode ev = e.payload().at("/data/orderStatusChanged");
                if (FINAL.contains(ev.at("/status").asString(""))) ids.add(ev.at("/order/id").asString());
            }
        }
        return ids;
    }

    private static double runThroughput(Shop shop, java.util.function.IntFunction<String> productOf, List<Customer> customers, List<Subscriber> subs, int orders,
                                        int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<String> placedIds = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                Customer c = customers.get(w);
                String product = productOf.apply(w);
                fs.add(pool.submit(() -> {
                    while (next.getAndIncrement() < orders) {
                        shop.addToCart(c, product, 1);
                        placedIds.add(shop.checkout(c));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        }
        double placed = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!finalEvents(subs).containsAll(placedIds)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("orders still in flight: " + shop.inFlight());
            Thread.sleep(250); // the figure uses the events' arrival times, not this poll's
        }
        // The moment the last final status event arrived at its client.
        long last = subs.stream().flatMap(s -> s.events().stream())
                .filter(e -> placedIds.contains(e.payload().at("/data/orderStatusChanged/order/id").asString(""))
                        && FINAL.contains(e.payload().at("/data/orderStatusChanged/status").asString("")))
                .mapToLong(Subscriber.Event::arrivedNanos).max().orElseThrow();
        double total = (last - t0) / 1e9;
        printLegs(subs, new java.util.HashSet<>(placedIds));
        Map<String, Long> byStatus = shop.orders(placedIds).values().stream().collect(java.util.stream.Collectors.groupingBy(
                o -> o.status() + (o.failureReason() == null ? "" : " (" + o.failureReason() + ")"), java.util.stream.Collectors.counting()));
        long confirmed = byStatus.getOrDefault("CONFIRMED", 0L);
        System.out.printf("  %d orders placed in %.2f s (%.1f/s), all settled after %.2f s: %s%n", orders, placed, orders / placed, total, byStatus);
        return confirmed / total;
    }

    private static void runLatency(Shop shop, java.util.function.IntFunction<String> productOf, List<Customer> customers, int rate,
                                   int seconds) throws Exception {
        if (seconds <= 0) return;
        List<Subscriber> subs = subscribe(shop, customers);
        int total = rate * seconds;
        AtomicInteger next = new AtomicInteger();
        List<String> placed = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(4);
        long periodMicros = 1_000_000L / rate;
        // Each tick is one checkout by the next customer in turn; a customer's turn comes back every |customers| ticks.
        var task = ticker.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= total) return;
            Customer c = customers.get(i % customers.size());
            try {
                shop.addToCart(c, productOf.apply(i % customers.size()), 1);
                placed.add(shop.checkout(c));
            } catch (RuntimeException e) {
                System.err.println("checkout failed: " + e.getMessage());
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 120).toNanos();
        while (next.get() < total || placed.size() < total) {
            if (System.nanoTime() > deadline) break;
            Thread.sleep(100);
        }
        task.cancel(false);
        ticker.shutdown();
        // Wait until every placed order's CONFIRMED has arrived at its subscriber.
        while (System.nanoTime() < deadline && confirmedEvents(subs) < placed.size()) Thread.sleep(100);
        List<Long> lat = new ArrayList<>();
        for (Subscriber s : subs) {
            for (Subscriber.Event e : s.events()) {
                JsonNode ev = e.payload().at("/data/orderStatusChanged");
                if (ev.isMissingNode() || ev.isNull()) continue;
                long at = OffsetDateTime.parse(ev.get("at").asString()).toInstant().toEpochMilli();
                lat.add(e.arrivedEpochMs() - at);
            }
            s.close();
        }
        Collections.sort(lat);
        System.out.printf("LATENCY at %d checkouts/s for %d s: %d orders, %d status events received (%d CONFIRMED); status change (event 'at') -> client: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                rate, seconds, placed.size(), lat.size(), confirmedEvents(subs), pct(lat, 50), pct(lat, 90), pct(lat, 99), lat.isEmpty() ? -1 : lat.getLast());
    }

    private static long confirmedEvents(List<Subscriber> subs) {
        return subs.stream().flatMap(s -> s.events().stream())
                .filter(e -> "CONFIRMED".equals(e.payload().at("/data/orderStatusChanged/status").asString(""))).count();
    }

    /** Where an order's time goes, from the events' own {@code at}: stock reservation leg, payment leg. */
    private static void printLegs(List<Subscriber> subs, java.util.Set<String> ids) {
        Map<String, Map<String, Long>> at = new java.util.HashMap<>();
        for (Subscriber s : subs) {
            for (Subscriber.Event e : s.events()) {
                JsonNode ev = e.payload().at("/data/orderStatusChanged");
                String id = ev.at("/order/id").asString("");
                if (!ids.contains(id)) continue;
                at.computeIfAbsent(id, k -> new java.util.HashMap<>()).put(ev.at("/status").asString(),
                        OffsetDateTime.parse(ev.get("at").asString()).toInstant().toEpochMilli());
            }
        }
        List<Long> reserve = new ArrayList<>(), pay = new ArrayList<>();
        for (Map<String, Long> t : at.values()) {
            if (t.containsKey("PENDING") && t.containsKey("RESERVED")) reserve.add(t.get("RESERVED") - t.get("PENDING"));
            if (t.containsKey("RESERVED") && t.containsKey("PAID")) pay.add(t.get("PAID") - t.get("RESERVED"));
        }
        Collections.sort(reserve);
        Collections.sort(pay);
        System.out.printf("  legs: PENDING->RESERVED p50 %d ms, p90 %d ms, max %d ms; RESERVED->PAID p50 %d ms, p90 %d ms, max %d ms%n",
                pct(reserve, 50), pct(reserve, 90), reserve.isEmpty() ? -1 : reserve.getLast(),
                pct(pay, 50), pct(pay, 90), pay.isEmpty() ? -1 : pay.getLast());
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return -1;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
