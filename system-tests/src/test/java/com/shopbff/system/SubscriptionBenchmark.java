package com.shopbff.system;

import com.shopbff.stack.LocalStack;
import com.shopbff.stack.StackSettings;
import com.shopbff.system.Shop.Customer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subscription benchmark (not a test; run by scripts/bench-subscriptions.sh). Three JVMs: this one runs the
 * embedded stack (five subgraphs, in-memory MongoDB-wire server, Kafka broker); the router runs as its own process
 * (the standalone jar), so that its RSS and heap are its own; the clients' sockets run in a third
 * ({@link SubscriptionLoadClient}), so that neither the stack's GC pauses nor the clients' own distort the latencies
 * twice. Scenarios, each through the router and then straight to the orders subgraph, measured the same way:
 * <ol>
 *   <li>trackers: one graphql-transport-ws socket per order ({@code orderStatusChanged(orderId:)}), N orders of C
 *       customers (each with a product of its own, enough stock and wallet money for every order: all are CONFIRMED);
 *       the admin advances every order twice (CONFIRMED → ASSEMBLING → OUT_FOR_DELIVERY) at R events/s;</li>
 *   <li>fan-out: F sockets of one customer subscribed to all of that customer's orders; the customer places 3 orders
 *       (PENDING, RESERVED, PAID, CONFIRMED each).</li>
 * </ol>
 * For every event: arrival at the client minus the event's own {@code at} (the time the orders subgraph recorded the
 * change; same machine, same clock). Per scenario also the hops: event {@code at} → Kafka record (outbox relay) →
 * consumed from the broker (a consumer in this JVM, as the live feed reads it), and every JVM's GC pauses while the
 * events flowed (-Xlog:gc files in bench.gcLogDir). System properties: bench.trackers (10000), bench.directTrackers
 * (5000), bench.customers (100), bench.rate (250), bench.fanout (2000), bench.routerJar, bench.routerJavaOpts,
 * bench.clientJavaOpts, bench.gcLogDir, bench.scenarios ("trackers,fanout"), bench.warmup (500).
 * <p>
 * Steady state, honestly: the orders of every run are placed up front, and before every drive the benchmark waits
 * until the stack is quiet ({@link Quiet}: consumer groups at lag 0, no outbox entries; the time it took is printed).
 * Each trackers run starts with a warm-up: bench.warmup more orders (placed with the others) get their own sockets
 * and are advanced twice at the same rate, the same way, just before the measured drive; their figures are printed
 * on their own "warm-up" line and not counted in the measured ones (the drive's code paths are JIT-compiled, the
 * JVMs' heaps sized, by then).
 */
public final class SubscriptionBenchmark {
    static final String TRACK = "subscription($id: ID!) { orderStatusChanged(orderId: $id) { status previousStatus at order { id } } }";
    static final String ALL_MINE = "subscription { orderStatusChanged { status previousStatus at order { id } } }";

    public static void main(String[] args) {
        int status = 0;
        try {
            run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status); // never leave a JVM behind
    }

    private static void run() throws Exception {
        int trackers = Integer.getInteger("bench.trackers", 10_000);
        int directTrackers = Integer.getInteger("bench.directTrackers", 5_000);
        int customersN = Integer.getInteger("bench.customers", 100);
        int rate = Integer.getInteger("bench.rate", 250);
        int fanout = Integer.getInteger("bench.fanout", 2_000);
        int warmup = Integer.getInteger("bench.warmup", 500);
        String scenarios = System.getProperty("bench.scenarios", "trackers,fanout");
        Path dir = Files.createTempDirectory("bench-subscriptions-");
        Path gcLogs = Path.of(System.getProperty("bench.gcLogDir", dir.toString()));
        StackSettings settings = StackSettings.forTests(dir.resolve("data"), Path.of(System.getProperty("shop.supergraph", "schema/supergraph.graphql")));
        long t0 = System.nanoTime();
        try (LocalStack stack = LocalStack.start(settings)) {
            SystemStack.awaitRouterReady(settings.routerPort());
            stack.stopRouter(); // the router under test runs as its own process, on the same port
            try (RouterProcess router = RouterProcess.start(settings, dir, gcLogs);
                 ClientProcess clients = ClientProcess.start(dir, gcLogs);
                 KafkaHop kafka = KafkaHop.start(stack.kafkaBootstrap())) {
                System.out.printf("stack ready in %.1f s; router pid %d (%s); clients pid %d (%s)%n", (System.nanoTime() - t0) / 1e9,
                        router.pid(), router.javaOpts, clients.pid(), clients.javaOpts);
                Jvms jvms = new Jvms(gcLogs, kafka);
                Shop shop = new Shop(new Gql(stack.routerUrl()), stack);
                String routerWs = "ws://localhost:" + settings.routerPort() + "/graphql";
                String directWs = "ws://localhost:" + settings.ordersPort() + "/graphql";
                ordersPort = settings.ordersPort();
                Quiet quiet = new Quiet(stack.mongoUri(), stack.kafkaBootstrap());
                if (scenarios.contains("trackers")) {
                    // one product per customer (a hot product's stock document is not what this measures), with stock and
                    // wallet money for every order of both runs: every tracked order is CONFIRMED
                    int warmRouter = trackers > 0 ? warmup : 0, warmDirect = directTrackers > 0 ? warmup : 0;
                    int perCustomer = (trackers + directTrackers + warmRouter + warmDirect + customersN - 1) / customersN;
                    List<Customer> customers = ConcurrentCheckoutSystemTest.parallel(8, customersN, i -> {
                        Customer c = shop.signUp("tracker" + i);
                        return c;
                    });
                    List<String> products = ConcurrentCheckoutSystemTest.parallel(4, customersN,
                            i -> shop.createProduct("Bench tracker tea " + i, "1.00", 2 * perCustomer + 50));
                    ConcurrentCheckoutSystemTest.parallel(8, customersN, i -> {
                        // the order total is 1.00 + delivery and tax: 10.00 per order is ample
                        for (long left = 10L * (2 * perCustomer + 50); left > 0; left -= 10_000) {
                            shop.topUp(customers.get(i), left >= 10_000 ? "10000.00" : left + ".00");
                        }
                        return null;
                    });
                    List<Placed> viaRouter = confirmed(shop, customers, products, trackers);
                    List<Placed> direct = confirmed(shop, customers, products, directTrackers);
                    // warm-up orders: tracked and advanced the same way before each measured drive, reported apart
                    List<Placed> warmViaRouter = confirmed(shop, customers, products, warmRouter);
                    List<Placed> warmDirectly = confirmed(shop, customers, products, warmDirect);
                    trackers(shop, clients, jvms, quiet, router, routerWs, "router", warmViaRouter, viaRouter, rate);
                    trackers(shop, clients, jvms, quiet, null, directWs, "direct", warmDirectly, direct, rate);
                }
                if (scenarios.contains("fanout")) {
                    String product = shop.createProduct("Bench fan-out tea", "1.00", 100);
                    fanout(shop, clients, jvms, router, routerWs, "router", product, fanout);
                    fanout(shop, clients, jvms, null, directWs, "direct", product, fanout);
                }
            }
        }
    }

    record Placed(String orderId, Customer customer) {
    }

    /**
     * n CONFIRMED orders: places n, then, if the shop failed some (a loaded machine times sagas out; the line says why),
     * places as many again, at most twice (the products' stock has room for that).
     */
    private static List<Placed> confirmed(Shop shop, List<Customer> customers, List<String> products, int n) throws Exception {
        List<Placed> out = new ArrayList<>(place(shop, customers, products, n));
        for (int round = 0; round < 2 && out.size() < n; round++) out.addAll(place(shop, customers, products, n - out.size()));
        return out;
    }

    /**
     * Places n orders round-robin over the customers (addToCart of the customer's own product + checkout), then waits
     * for the saga to settle them; the CONFIRMED ones (every one, unless the shop failed some: then it says why).
     */
    private static List<Placed> place(Shop shop, List<Customer> customers, List<String> products, int n) throws Exception {
        if (n <= 0) return List.of();
        long t0 = System.nanoTime();
        List<Placed> placed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(customers.size(), 32);
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                fs.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        // worker w serves customers w, w + workers, ...: one cart is never used by two threads
                        int k = worker + workers * ((i / workers) % Math.max(1, (customers.size() - worker + workers - 1) / workers));
                        Customer c = customers.get(k);
                        shop.addToCart(c, products.get(k), 1);
                        placed.add(new Placed(shop.checkout(c), c));
                    }
                    return null;
                }));
            }
            for (var f : fs) f.get();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!shop.inFlight().isEmpty()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("orders still in flight: " + shop.inFlight());
            Thread.sleep(1000);
        }
        // only confirmed orders can be advanced
        Map<String, Shop.Order> states = shop.orders(placed.stream().map(Placed::orderId).toList());
        List<Placed> confirmed = placed.stream().filter(p -> "CONFIRMED".equals(states.get(p.orderId()).status())).toList();
        System.out.printf("  %d orders placed and settled in %.1f s, %d CONFIRMED (the others are not tracked)%s%n", n,
                (System.nanoTime() - t0) / 1e9, confirmed.size(), notConfirmed(states.values()));
        return confirmed;
    }

    /** Why orders are not CONFIRMED: counts by status and failure reason (empty when all are). */
    static String notConfirmed(java.util.Collection<Shop.Order> orders) {
        Map<String, Long> why = orders.stream().filter(o -> !"CONFIRMED".equals(o.status())).collect(
                java.util.stream.Collectors.groupingBy(o -> o.status() + (o.failureReason() == null ? "" : " (" + o.failureReason() + ")"),
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        return why.isEmpty() ? "" : "; NOT CONFIRMED: " + why;
    }

    /** The orders subgraph's port (its metrics: {@link Stages}). */
    private static int ordersPort;
    private static final ConcurrentLinkedQueue<String> failureReasons = new ConcurrentLinkedQueue<>();

    /**
     * One trackers run: first the warm-up (its own sockets and orders, driven the same way, reported on its own line and
     * not counted), then the measured drive. Before each drive the stack is let go quiet ({@link Quiet}).
     */
    private static void trackers(Shop shop, ClientProcess clients, Jvms jvms, Quiet quiet, RouterProcess router, String url, String label,
                                 List<Placed> warm, List<Placed> orders, int rate) throws Exception {
        if (orders.isEmpty()) return;
        if (!warm.isEmpty()) {
            Drive w = drive(shop, clients, jvms, quiet, null, url, warm, rate);
            System.out.printf("TRACKERS %s warm-up (not counted below): %d orders tracked and advanced twice the same way just before the measured drive; %s; events expected %d, delivered %d; event -> client %s; events sent at %.0f/s%n",
                    label, warm.size(), w.quiet, w.expected, w.delivered(), percentiles(w.results), w.expected / w.driveSeconds);
            failureReasons.clear();
            clients.closeAll();
        }
        Drive d = drive(shop, clients, jvms, quiet, router, url, orders, rate);
        int n = orders.size();
        List<ClientProcess.Result> results = d.results;
        int inOrder = 0;
        for (int i = 0; i < n; i++) {
            String orderId = orders.get(i).orderId();
            List<ClientProcess.Event> events = results.get(i).events();
            List<String> statuses = events.stream().filter(e -> e.orderId().equals(orderId)).map(ClientProcess.Event::status).toList();
            if (List.of("ASSEMBLING", "OUT_FOR_DELIVERY").containsAll(statuses) && statuses.size() == events.size()
                    && (statuses.size() < 2 || statuses.get(0).equals("ASSEMBLING"))) inOrder++;
        }
        long ended = results.stream().filter(r -> !r.ends().isEmpty()).count();
        System.out.printf("TRACKERS %s: %d subscriptions opened in %.1f s; events expected %d, delivered %d; sockets with only their order's events, in order %d/%d; ended early %d%s; advances failed %d %s%n",
                label, n, d.openSeconds, d.expected, d.delivered(), inOrder, n, ended, endExamples(results), d.failures, failureReasons.isEmpty() ? ""
                        : "(e.g. " + failureReasons.stream().limit(3).toList() + ")");
        failureReasons.clear();
        System.out.printf("TRACKERS %s: event -> client %s; events sent at %.0f/s (target %d/s)%n", label, percentiles(results), d.expected / d.driveSeconds, rate);
        System.out.printf("TRACKERS %s: %s; %s; event -> client p99 by tenth of the drive (ms): %s%n", label, d.quiet, d.activation,
                byTenthOfDrive(orders, results));
        System.out.printf("TRACKERS %s hops: %s; %s%n", label, d.kafka, d.pauses);
        System.out.printf("TRACKERS %s relay (orders outbox, per relay of an order): %s%n", label, d.relay);
        System.out.printf("TRACKERS %s stages: %s%n", label, d.stages);
        if (router != null) printMemory(label, router, d.before, d.after, n);
        clients.closeAll();
    }

    /** What one drive measured (the figures are taken as soon as its events are in, before anything else runs). */
    record Drive(List<ClientProcess.Result> results, int expected, int failures, double openSeconds, double driveSeconds,
                 String quiet, String activation, String kafka, String pauses, String relay, String stages, Memory before, Memory after) {
        int delivered() {
            return results.stream().mapToInt(r -> r.events().size()).sum();
        }
    }

    /**
     * Opens one socket per order, waits until every subscription is active upstream and the stack is quiet, then
     * advances every order twice at {@code rate} events/s (CONFIRMED → ASSEMBLING, then → OUT_FOR_DELIVERY) and
     * collects the events. With a router, its memory before and after opening the sockets.
     */
    private static Drive drive(Shop shop, ClientProcess clients, Jvms jvms, Quiet quiet, RouterProcess router, String url,
                               List<Placed> orders, int rate) throws Exception {
        int n = orders.size();
        Memory before = router == null ? null : router.memory();
        awaitSubgraphIdle();
        // placing the orders may have taken longer than a token lives: every customer signs in again
        Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
        for (Placed o : orders) tokens.computeIfAbsent(o.customer().id(), id -> shop.signIn(o.customer()).token());
        double openSeconds = clients.open(url, TRACK, orders.stream().map(o -> tokens.get(o.customer().id()) + "\t"
                + new JsonObject().put("id", o.orderId()).encode()).toList());
        String activation = awaitSubscribed(router, n);
        Memory after = router == null ? null : router.memory();
        String quietText = quiet.await();
        Instant from = Instant.now();
        jvms.kafka.reset();
        Stages stages = Stages.start(ordersPort, router);
        long start = System.nanoTime();
        int failures = 0;
        for (String status : List.of("ASSEMBLING", "OUT_FOR_DELIVERY")) failures += advanceAll(shop, orders, status, rate, start, status.equals("ASSEMBLING") ? 0 : n);
        double driveSeconds = (System.nanoTime() - start) / 1e9;
        // an advance the shop refused or that failed produced no event: it is not expected (its reason is printed)
        int expected = 2 * n - failures;
        List<ClientProcess.Result> results = clients.collect(expected, 60);
        Instant to = Instant.now();
        return new Drive(results, expected, failures, openSeconds, driveSeconds, quietText, activation, jvms.kafka.summary(),
                jvms.pauses(from, to), stages.relay(), stages.summary(), before, after);
    }

    /** Advances every order to {@code status} at {@code rate} per second; returns how many advances failed. */
    private static int advanceAll(Shop shop, List<Placed> orders, String status, int rate, long start, int offset) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<java.util.concurrent.Future<?>> fs = new ArrayList<>(orders.size());
            for (int i = 0; i < orders.size(); i++) {
                long due = start + (long) ((i + offset) * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                String id = orders.get(i).orderId();
                fs.add(pool.submit(() -> {
                    try {
                        var r = shop.advanceOrder(id, status);
                        if (!r.get("userErrors").isEmpty()) {
                            failures.incrementAndGet();
                            failureReasons.add(r.get("userErrors").toString());
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        failureReasons.add(String.valueOf(e.getMessage()));
                    }
                }));
            }
            for (var f : fs) f.get();
        }
        return failures.get();
    }

    private static void fanout(Shop shop, ClientProcess clients, Jvms jvms, RouterProcess router, String url, String label,
                               String product, int sockets) throws Exception {
        if (sockets <= 0) return;
        Customer c = shop.signUp("fanout-" + label);
        shop.topUp(c, "1000.00");
        Memory before = router == null ? null : router.memory();
        String line = c.token() + "\t{}";
        awaitSubgraphIdle();
        double openSeconds = clients.open(url, ALL_MINE, java.util.Collections.nCopies(sockets, line));
        awaitSubscribed(router, sockets);
        Memory after = router == null ? null : router.memory();
        Instant from = Instant.now();
        jvms.kafka.reset();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shop.addToCart(c, product, 1);
            ids.add(shop.checkout(c));
        }
        Map<String, Shop.Order> states = shop.awaitFinal(ids, Duration.ofSeconds(60));
        // PENDING, RESERVED, PAID, CONFIRMED: the events of a confirmed order
        int perOrder = 4;
        int expected = sockets * 3 * perOrder;
        List<ClientProcess.Result> results = clients.collect(expected, 60);
        Instant to = Instant.now();
        int delivered = results.stream().mapToInt(x -> x.events().size()).sum();
        long complete = results.stream().filter(x -> x.events().size() == 3 * perOrder).count();
        System.out.printf("FANOUT %s: %d subscriptions of one customer opened in %.1f s; 3 orders placed; events expected %d, delivered %d; sockets with all %d events %d/%d%s%n",
                label, sockets, openSeconds, expected, delivered, 3 * perOrder, complete, sockets, notConfirmed(states.values()));
        System.out.printf("FANOUT %s: event -> client %s%n", label, percentiles(results));
        if (complete < sockets) {
            Map<String, Long> seen = results.stream().collect(java.util.stream.Collectors.groupingBy(x -> x.events().stream()
                    .map(ClientProcess.Event::status).toList().toString(), java.util.stream.Collectors.counting()));
            System.out.printf("FANOUT %s: statuses received per socket (sockets): %s; ended early %d%s%n", label,
                    seen.entrySet().stream().limit(3).toList(), results.stream().filter(x -> !x.ends().isEmpty()).count(), endExamples(results));
        }
        System.out.printf("FANOUT %s hops: %s; %s%n", label, jvms.kafka.summary(), jvms.pauses(from, to));
        if (router != null) printMemory(label + " fan-out", router, before, after, sockets);
        clients.closeAll();
    }

    private static String endExamples(List<ClientProcess.Result> results) {
        List<String> e = results.stream().flatMap(r -> r.ends().stream()).limit(2).toList();
        return e.isEmpty() ? "" : " (e.g. " + e + ")";
    }

    /**
     * Until every subscription is active where the events start: through the router, until its /health holds all n
     * client subscriptions; then until the orders subgraph's live feed has every upstream subscription the router
     * started ({@code orders_live_subscriptions}; graphql-transport-ws acknowledges no subscription, so the subgraph
     * is asked). Says how long the subgraph took after the router held them all: the events must not start while
     * the subgraph is still starting subscriptions (it did with the fixed wait this replaced, 3 s + n/5 ms).
     */
    private static String awaitSubscribed(RouterProcess router, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long expected = n;
        if (router != null) {
            while (router.clientSubscriptions() < n) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("router holds " + router.clientSubscriptions() + " of " + n);
                Thread.sleep(100);
            }
            expected = router.upstreamSubscriptions();
        }
        long t0 = System.nanoTime();
        long live;
        while ((live = liveSubscriptions()) < expected && System.nanoTime() < deadline) Thread.sleep(100);
        double took = (System.nanoTime() - t0) / 1e9;
        return live < expected
                ? String.format("only %d of %d subscriptions active in the orders subgraph after 120 s", live, expected)
                : String.format("%d subscriptions active in the orders subgraph %.1f s after %s", expected, took,
                router == null ? "the clients opened them" : "the router held all " + n);
    }

    /** Until the orders subgraph has no live subscription left from an earlier run (at most a minute). */
    private static void awaitSubgraphIdle() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (liveSubscriptions() > 0 && System.nanoTime() < deadline) Thread.sleep(100);
    }

    private static final Pattern LIVE = Pattern.compile("(?m)^orders_live_subscriptions(?:\\{[^}]*\\})? ([0-9.eE+]+)");

    /** The orders subgraph's live subscriptions (its gauge {@code orders_live_subscriptions}). */
    private static long liveSubscriptions() throws Exception {
        String body = Stages.HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ordersPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = LIVE.matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    /**
     * p99 of the events of each tenth of the drive (by when their advance was due: order i of n, pass p, at rate r
     * was due (i + p n) / r s after the start): where in time the slow events are, e.g. only at the start.
     */
    private static String byTenthOfDrive(List<Placed> orders, List<ClientProcess.Result> results) {
        int n = orders.size();
        List<List<Long>> tenths = new ArrayList<>();
        for (int t = 0; t < 10; t++) tenths.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            for (ClientProcess.Event e : results.get(i).events()) {
                int pass = e.status().equals("ASSEMBLING") ? 0 : 1;
                tenths.get(Math.min(9, (int) (10L * (i + (long) pass * n) / (2L * n)))).add(e.latencyMicros());
            }
        }
        List<String> out = new ArrayList<>();
        for (List<Long> t : tenths) {
            long[] l = t.stream().mapToLong(Long::longValue).sorted().toArray();
            out.add(l.length == 0 ? "-" : String.format("%.0f", l[Math.min(l.length - 1, (int) Math.ceil(l.length * 0.99) - 1)] / 1000.0));
        }
        return String.join(" ", out);
    }

    private static String percentiles(List<ClientProcess.Result> results) {
        long[] l = results.stream().flatMap(r -> r.events().stream()).mapToLong(ClientProcess.Event::latencyMicros).sorted().toArray();
        if (l.length == 0) return "no events";
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d events)", l[l.length / 2] / 1000.0,
                l[Math.min(l.length - 1, (int) Math.ceil(l.length * 0.99) - 1)] / 1000.0, l[l.length - 1] / 1000.0, l.length);
    }

    private static void printMemory(String label, RouterProcess router, Memory before, Memory after, int n) {
        Memory end = router.memory();
        System.out.printf("ROUTER %s: RSS %.0f MB before, %.0f MB with %d idle subscriptions, %.0f MB after the events; heap after full GC %.1f MB before, %.1f MB with them (%.2f KB per idle subscription), %.1f MB after%n",
                label, before.rssKb / 1024.0, after.rssKb / 1024.0, n, end.rssKb / 1024.0, before.heapKb / 1024.0,
                after.heapKb / 1024.0, (after.heapKb - before.heapKb) / (double) n, end.heapKb / 1024.0);
    }

    record Memory(long rssKb, long heapKb) {
    }

    /** The router jar as a child process in front of this JVM's subgraphs. */
    static final class RouterProcess implements AutoCloseable {
        final Process process;
        final int port;
        final String javaOpts;
        private final HttpClient http = HttpClient.newHttpClient();

        private RouterProcess(Process process, int port, String javaOpts) {
            this.process = process;
            this.port = port;
            this.javaOpts = javaOpts;
        }

        static RouterProcess start(StackSettings s, Path dir, Path gcLogs) throws IOException {
            String sdl = Files.readString(s.supergraph());
            Map<String, Integer> ports = Map.of("customer", s.customerPort(), "catalog", s.catalogPort(), "orders", s.ordersPort(),
                    "wallet", s.walletPort(), "notifications", s.notificationsPort());
            Matcher m = Pattern.compile("@join__graph\\(name: \"(\\w+)\", url: \"[^\"]*\"\\)").matcher(sdl);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement("@join__graph(name: \"" + m.group(1) + "\", url: \"http://localhost:"
                        + ports.get(m.group(1)) + "/graphql\")"));
            }
            m.appendTail(out);
            Path supergraph = dir.resolve("supergraph.graphql");
            Files.writeString(supergraph, out);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String opts = System.getProperty("bench.routerJavaOpts", "-XX:+UseSerialGC -Xms512m -Xmx512m -Xmn128m");
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(List.of(opts.trim().split("\\s+")));
            cmd.add(Jvms.gcLogOption(gcLogs, "router"));
            cmd.addAll(List.of("-jar", System.getProperty("bench.routerJar", "bff-router/target/bff-router.jar"),
                    "--supergraph", supergraph.toString(), "--port", String.valueOf(s.routerPort()),
                    "--jwks-url", "http://localhost:" + s.customerPort() + "/.well-known/jwks.json",
                    // as the local stack runs it: the shop's tokens carry their scopes in the role claim
                    "--authz-scope-claims", "scope,role", "--authz-error-codes", "by-caller"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("router.log").toFile()).start();
            RouterProcess r = new RouterProcess(p, s.routerPort(), opts);
            SystemStack.awaitRouterReady(s.routerPort());
            return r;
        }

        long pid() {
            return process.pid();
        }

        /** Upstream subscriptions the router holds (after sharing identical ones), from its /health. */
        long upstreamSubscriptions() throws Exception {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonObject byField = new JsonObject(body).getJsonObject("subscriptions").getJsonObject("byField");
            long n = 0;
            for (String f : byField.fieldNames()) n += byField.getJsonObject(f).getLong("upstream");
            return n;
        }

        long clientSubscriptions() throws Exception {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new JsonObject(body).getJsonObject("subscriptions").getLong("clientSubscriptions");
        }

        /** RSS from /proc, heap in use after a full collection (jcmd GC.run, then GC.heap_info). */
        Memory memory() {
            try {
                long rss = Files.readAllLines(Path.of("/proc/" + pid() + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
                String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
                jcmd(jcmd, "GC.run");
                String info = jcmd(jcmd, "GC.heap_info");
                long heap = 0;
                Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
                while (m.find()) heap += Long.parseLong(m.group(1));
                return new Memory(rss, heap);
            } catch (Exception e) {
                return new Memory(-1, -1);
            }
        }

        private String jcmd(String jcmd, String command) throws Exception {
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid()), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    /** The clients' JVM ({@link SubscriptionLoadClient}), driven over its stdin/stdout. */
    static final class ClientProcess implements AutoCloseable {
        record Event(String status, String orderId, long latencyMicros) {
        }

        record Result(List<Event> events, List<String> ends) {
        }

        final Process process;
        final String javaOpts;
        private final Path dir;
        private final java.io.BufferedWriter in;
        private final java.io.BufferedReader out;
        private int files;

        private ClientProcess(Process process, String javaOpts, Path dir) {
            this.process = process;
            this.javaOpts = javaOpts;
            this.dir = dir;
            this.in = process.outputWriter();
            this.out = process.inputReader();
        }

        static ClientProcess start(Path dir, Path gcLogs) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String opts = System.getProperty("bench.clientJavaOpts", "-XX:+UseG1GC -Xms2g -Xmx2g -Xmn1g -XX:+AlwaysPreTouch");
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(List.of(opts.trim().split("\\s+")));
            cmd.add(Jvms.gcLogOption(gcLogs, "clients"));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SubscriptionLoadClient.class.getName()));
            Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("clients.log").toFile()).start();
            return new ClientProcess(p, opts, dir);
        }

        long pid() {
            return process.pid();
        }

        private JsonObject call(JsonObject cmd) throws IOException {
            in.write(cmd.encode());
            in.newLine();
            in.flush();
            for (String line; (line = out.readLine()) != null; ) {
                if (!line.startsWith("RESULT ")) continue;
                JsonObject r = new JsonObject(line.substring(7));
                if (r.containsKey("error")) throw new IllegalStateException("benchmark clients: " + r.getString("error"));
                return r;
            }
            throw new IllegalStateException("the benchmark clients' JVM exited (see " + dir.resolve("clients.log") + ")");
        }

        /** Opens one socket per line ({@code token TAB variables-json}), each subscribing to {@code query}; seconds taken. */
        double open(String url, String query, List<String> lines) throws IOException {
            Path file = dir.resolve("clients-" + (++files) + ".tsv");
            Files.write(file, lines);
            return call(new JsonObject().put("cmd", "open").put("url", url).put("query", query).put("file", file.toString()))
                    .getDouble("seconds");
        }

        /** Waits for {@code expected} events in all (at most {@code timeoutSeconds}); every socket's events, in order. */
        List<Result> collect(int expected, int timeoutSeconds) throws IOException {
            JsonObject r = call(new JsonObject().put("cmd", "collect").put("expected", expected).put("timeoutSeconds", timeoutSeconds));
            List<Result> out = new ArrayList<>();
            for (Object o : r.getJsonArray("clients")) {
                JsonObject c = (JsonObject) o;
                List<Event> events = new ArrayList<>();
                for (Object e : c.getJsonArray("events")) {
                    io.vertx.core.json.JsonArray a = (io.vertx.core.json.JsonArray) e;
                    events.add(new Event(a.getString(0), a.getString(1), a.getLong(2)));
                }
                out.add(new Result(events, c.getJsonArray("ends").stream().map(String::valueOf).toList()));
            }
            return out;
        }

        void closeAll() throws IOException {
            call(new JsonObject().put("cmd", "close"));
        }

        @Override
        public void close() {
            try {
                in.write("{\"cmd\":\"exit\"}");
                in.newLine();
                in.flush();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The Kafka hop: a consumer of order.events in the stack's JVM (as the orders subgraph's live feed reads it) that
     * records, for every OrderStatusChanged, the event's {@code at} to the record's timestamp (the outbox relay
     * producing it) and to its arrival here (the broker and the consumer's poll).
     */
    static final class KafkaHop implements AutoCloseable {
        private final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        private final org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        private KafkaHop(String bootstrap) {
            java.util.Properties p = new java.util.Properties();
            p.put("bootstrap.servers", bootstrap);
            p.put("group.id", "bench-subscriptions-" + java.util.UUID.randomUUID());
            p.put("enable.auto.commit", "false");
            p.put("auto.offset.reset", "latest");
            p.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
            p.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
            consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p);
            List<org.apache.kafka.common.TopicPartition> parts = consumer.partitionsFor(com.shopbff.contracts.Topics.ORDER_EVENTS).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            thread = Thread.ofPlatform().daemon().name("bench-kafka-hop").start(this::run);
        }

        static KafkaHop start(String bootstrap) {
            return new KafkaHop(bootstrap);
        }

        private void run() {
            try {
                while (running) {
                    for (var record : consumer.poll(Duration.ofMillis(200))) {
                        long now = System.currentTimeMillis();
                        com.shopbff.support.messaging.InboundMessages.decode(record).ifPresent(env -> {
                            if (env.payload() instanceof com.shopbff.contracts.OrderEvent.OrderStatusChanged e) {
                                long at = e.at().toEpochMilli();
                                samples.add(new long[]{record.timestamp() - at, now - at});
                            }
                        });
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } finally {
                consumer.close();
            }
        }

        void reset() {
            samples.clear();
        }

        String summary() {
            long[] produced = samples.stream().mapToLong(s -> s[0]).sorted().toArray();
            long[] consumed = samples.stream().mapToLong(s -> s[1]).sorted().toArray();
            if (produced.length == 0) return "Kafka: no events seen";
            return String.format("event at -> Kafka record p50 %d ms, p99 %d ms, max %d ms; -> consumed p50 %d ms, p99 %d ms, max %d ms (%d events)",
                    produced[produced.length / 2], at99(produced), produced[produced.length - 1],
                    consumed[consumed.length / 2], at99(consumed), consumed[consumed.length - 1], consumed.length);
        }

        private static long at99(long[] sorted) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
        }

        @Override
        public void close() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The delivery stages the orders subgraph and the router time themselves (histograms on their metrics endpoints,
     * 0.5 ms to 30 s buckets): scraped before and after a run, the difference gives the run's p50 and p99 per stage,
     * as bucket upper bounds ("<= 5 ms").
     */
    record Stages(int ordersPort, RouterProcess router, Map<String, java.util.TreeMap<Double, Double>> before) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        /** Series shown, in delivery order, with their labels. */
        private static final List<String[]> SHOWN = List.of(
                new String[]{"orders_live_consumed_seconds", "orders: at -> polled"},
                new String[]{"orders_live_dispatch_seconds", "dispatch to all subscriptions (per event)"},
                new String[]{"orders_live_rendered_seconds", "at -> result built"},
                new String[]{"graphql_websocket_event_age_seconds", "at -> WebSocket write starts"},
                new String[]{"graphql_websocket_send_seconds", "write (per message)"},
                new String[]{"router_subscription_hop_seconds/upstream_to_client_queue", "router: frame read -> queued to client"},
                new String[]{"router_subscription_hop_seconds/client_write", "queued -> written"});
        /** The orders outbox relay's own timings (subgraph-support OutboxRelayTimings), per relay of an order. */
        private static final List<String[]> RELAY = List.of(
                new String[]{"outbox_relay_queued_seconds", "asked -> read starts"},
                new String[]{"outbox_relay_read_seconds", "read"},
                new String[]{"outbox_relay_sent_seconds", "handed to the producer"},
                new String[]{"outbox_relay_acked_seconds", "-> acked"},
                new String[]{"outbox_relay_pulled_seconds", "acked -> pulled"});
        private static final Pattern BUCKET = Pattern.compile("^(\\w+)_bucket\\{([^}]*)\\} ([0-9.eE+-]+)");
        private static final Pattern HOP = Pattern.compile("hop=\"(\\w+)\"");
        private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

        static Stages start(int ordersPort, RouterProcess router) {
            Stages s = new Stages(ordersPort, router, new java.util.HashMap<>());
            s.before.putAll(s.scrape());
            return s;
        }

        private Map<String, java.util.TreeMap<Double, Double>> scrape() {
            Map<String, java.util.TreeMap<Double, Double>> out = new java.util.HashMap<>();
            List<String> urls = new ArrayList<>(List.of("http://localhost:" + ordersPort + "/actuator/prometheus"));
            if (router != null) urls.add("http://localhost:" + router.port + "/metrics");
            for (String url : urls) {
                try {
                    String body = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
                    for (String line : body.split("\n")) {
                        Matcher m = BUCKET.matcher(line);
                        if (!m.find()) continue;
                        Matcher hop = HOP.matcher(m.group(2));
                        Matcher le = LE.matcher(m.group(2));
                        if (!le.find() || le.group(1).equals("+Inf")) continue;
                        String key = m.group(1) + (hop.find() ? "/" + hop.group(1) : "");
                        out.computeIfAbsent(key, k -> new java.util.TreeMap<>()).merge(Double.parseDouble(le.group(1)),
                                Double.parseDouble(m.group(3)), Double::sum);
                    }
                } catch (Exception e) {
                    // a stage not measured shows as such
                }
            }
            return out;
        }

        String summary() {
            return summary(SHOWN);
        }

        /** The orders outbox relay's stages (the {@code at -> Kafka record} hop). */
        String relay() {
            return summary(RELAY);
        }

        private String summary(List<String[]> series) {
            Map<String, java.util.TreeMap<Double, Double>> after = scrape();
            List<String> parts = new ArrayList<>();
            for (String[] shown : series) {
                java.util.TreeMap<Double, Double> a = after.get(shown[0]);
                if (a == null) continue;
                java.util.TreeMap<Double, Double> b = before.getOrDefault(shown[0], new java.util.TreeMap<>());
                java.util.TreeMap<Double, Double> d = new java.util.TreeMap<>();
                a.forEach((le, n) -> d.put(le, n - b.getOrDefault(le, 0.0)));
                parts.add(String.format("%s p50 %s, p99 %s", shown[1], at(d, 0.5), at(d, 0.99)));
            }
            return parts.isEmpty() ? "not measured (no stage histograms on the metrics endpoints)" : String.join("; ", parts);
        }

        /** The upper bound of the bucket holding quantile q of the run's samples (those up to the largest bucket, 30 s). */
        private static String at(java.util.TreeMap<Double, Double> cumulative, double q) {
            double n = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
            if (n <= 0) return "-";
            for (var e : cumulative.entrySet()) {
                if (e.getValue() >= q * n) return "<= " + fmtMs(e.getKey());
            }
            return "> " + fmtMs(cumulative.lastKey());
        }

        private static String fmtMs(double seconds) {
            double ms = seconds * 1000;
            return ms < 1 ? String.format("%.1f ms", ms) : String.format("%.0f ms", ms);
        }
    }

    /**
     * Waits until the stack has nothing left to do from earlier work before a drive: every consumer group of the
     * broker has consumed every partition it commits for to the end (lag 0), and no MongoDB document of any database
     * holds outbox entries (an outbox relay has sent and pulled them). Placing thousands of orders just before leaves
     * such backlogs (notifications consuming order and wallet events, outbox relays, saga steps); a drive started on
     * top of them measures them. Says how long it waited (at most 5 min; then what was left).
     */
    static final class Quiet {
        private final com.mongodb.client.MongoClient mongo;
        private final String kafkaBootstrap;

        Quiet(String mongoUri, String kafkaBootstrap) {
            this.mongo = com.mongodb.client.MongoClients.create(mongoUri);
            this.kafkaBootstrap = kafkaBootstrap;
        }

        String await() throws Exception {
            long t0 = System.nanoTime();
            long deadline = t0 + Duration.ofMinutes(5).toNanos();
            java.util.Properties p = new java.util.Properties();
            p.put("bootstrap.servers", kafkaBootstrap);
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
                String left;
                int groups;
                while (true) {
                    Map<String, Long> lag = lag(admin);
                    long outbox = outboxEntries();
                    groups = lag.size();
                    long totalLag = lag.values().stream().mapToLong(Long::longValue).sum();
                    if (totalLag == 0 && outbox == 0) {
                        left = null;
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        left = "still lagging " + lag.entrySet().stream().filter(e -> e.getValue() > 0).toList() + ", " + outbox + " documents with outbox entries";
                        break;
                    }
                    Thread.sleep(250);
                }
                double took = (System.nanoTime() - t0) / 1e9;
                return left == null
                        ? String.format("stack quiet before the drive after %.1f s (%d consumer groups at lag 0, no outbox entries)", took, groups)
                        : String.format("stack NOT quiet before the drive after %.1f s: %s", took, left);
            }
        }

        /** Per consumer group, its summed lag over the partitions it has committed offsets for. */
        private static Map<String, Long> lag(org.apache.kafka.clients.admin.Admin admin) throws Exception {
            Map<String, Long> out = new java.util.TreeMap<>();
            var groups = admin.listGroups(org.apache.kafka.clients.admin.ListGroupsOptions.forConsumerGroups()).all().get();
            Map<String, Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>> committed = new java.util.HashMap<>();
            java.util.Set<org.apache.kafka.common.TopicPartition> parts = new java.util.HashSet<>();
            for (var g : groups) {
                var offsets = admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata().get();
                committed.put(g.groupId(), offsets);
                offsets.forEach((tp, om) -> {
                    if (om != null) parts.add(tp);
                });
            }
            if (parts.isEmpty()) return out;
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            parts.forEach(tp -> latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            committed.forEach((group, offsets) -> {
                long lag = 0;
                for (var e : offsets.entrySet()) {
                    if (e.getValue() != null) lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                }
                out.put(group, lag);
            });
            return out;
        }

        /** Documents holding outbox entries, over every collection of every database. */
        private long outboxEntries() {
            long n = 0;
            for (String db : mongo.listDatabaseNames()) {
                var database = mongo.getDatabase(db);
                for (String collection : database.listCollectionNames()) {
                    n += database.getCollection(collection).countDocuments(com.mongodb.client.model.Filters.exists("outbox.0"));
                }
            }
            return n;
        }
    }

    /** The three JVMs' GC pauses (their -Xlog:gc files, wall-clock decorated) within a time window. */
    record Jvms(Path gcLogs, KafkaHop kafka) {
        private static final Pattern PAUSE = Pattern.compile("^\\[([^\\]]+)\\].*Pause.* ([0-9.]+)ms$");

        static String gcLogOption(Path dir, String name) {
            return "-Xlog:gc:file=" + dir.resolve(name + "-gc.log") + ":utctime";
        }

        String pauses(Instant from, Instant to) {
            List<String> parts = new ArrayList<>();
            for (String jvm : List.of("stack", "router", "clients")) {
                Path log = gcLogs.resolve(jvm + "-gc.log");
                if (!Files.exists(log)) continue;
                int n = 0;
                double total = 0, max = 0;
                try {
                    for (String line : Files.readAllLines(log)) {
                        Matcher m = PAUSE.matcher(line);
                        if (!m.find()) continue;
                        Instant at = java.time.OffsetDateTime.parse(m.group(1),
                                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
                        if (at.isBefore(from) || at.isAfter(to)) continue;
                        double ms = Double.parseDouble(m.group(2));
                        n++;
                        total += ms;
                        max = Math.max(max, ms);
                    }
                } catch (IOException e) {
                    continue;
                }
                parts.add(String.format("%s GC %d pauses, %.0f ms in all, max %.1f ms", jvm, n, total, max));
            }
            return parts.isEmpty() ? "no GC logs" : String.join("; ", parts);
        }
    }
}
