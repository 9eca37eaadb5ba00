package com.shopbff.system;

import com.shopbff.stack.LocalStack;
import com.shopbff.stack.StackSettings;
import com.shopbff.system.Shop.Customer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subscription benchmark (not a test; run by scripts/bench-subscriptions.sh). The embedded stack runs in this JVM
 * (five subgraphs, in-memory MongoDB-wire server, Kafka broker); the router runs as its own process (the standalone
 * jar), so that its RSS and heap are its own. Scenarios, each through the router and then straight to the orders
 * subgraph:
 * <ol>
 *   <li>trackers: one graphql-transport-ws socket per order ({@code orderStatusChanged(orderId:)}), N orders of C
 *       customers; the admin advances every order twice (CONFIRMED → ASSEMBLING → OUT_FOR_DELIVERY) at R events/s;</li>
 *   <li>fan-out: F sockets of one customer subscribed to all of that customer's orders; the customer places 3 orders.</li>
 * </ol>
 * For every event: arrival at the client minus the event's own {@code at} (the time the orders subgraph recorded the
 * change; same machine, same clock). System properties: bench.trackers (10000), bench.directTrackers (5000),
 * bench.customers (100), bench.rate (250), bench.fanout (2000), bench.routerJar, bench.routerJavaOpts,
 * bench.scenarios ("trackers,fanout").
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
        String scenarios = System.getProperty("bench.scenarios", "trackers,fanout");
        Path dir = Files.createTempDirectory("bench-subscriptions-");
        StackSettings settings = StackSettings.forTests(dir.resolve("data"), Path.of(System.getProperty("shop.supergraph", "schema/supergraph.graphql")));
        long t0 = System.nanoTime();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
                .setConnectTimeout(30_000).setMaxMessageSize(1 << 20));
        try (LocalStack stack = LocalStack.start(settings)) {
            SystemStack.awaitRouterReady(settings.routerPort());
            stack.stopRouter(); // the router under test runs as its own process, on the same port
            try (RouterProcess router = RouterProcess.start(settings, dir)) {
                System.out.printf("stack ready in %.1f s; router pid %d (%s)%n", (System.nanoTime() - t0) / 1e9, router.pid(), router.javaOpts);
                Shop shop = new Shop(new Gql(stack.routerUrl()), stack);
                String product = shop.createProduct("Bench tracker tea", "1.00", 10_000_000);
                String routerWs = "ws://localhost:" + settings.routerPort() + "/graphql";
                String directWs = "ws://localhost:" + settings.ordersPort() + "/graphql";
                if (scenarios.contains("trackers")) {
                    List<Customer> customers = ConcurrentCheckoutSystemTest.parallel(8, customersN, i -> {
                        Customer c = shop.signUp("tracker" + i);
                        shop.topUp(c, "10000.00");
                        return c;
                    });
                    List<Placed> viaRouter = place(shop, customers, product, trackers);
                    List<Placed> direct = place(shop, customers, product, directTrackers);
                    trackers(shop, ws, router, routerWs, "router", viaRouter, rate);
                    trackers(shop, ws, null, directWs, "direct", direct, rate);
                }
                if (scenarios.contains("fanout")) {
                    fanout(shop, ws, router, routerWs, "router", product, fanout);
                    fanout(shop, ws, null, directWs, "direct", product, fanout);
                }
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    record Placed(String orderId, Customer customer) {
    }

    /** Places n orders round-robin over the customers (addToCart + checkout), then waits for the saga to settle them. */
    private static List<Placed> place(Shop shop, List<Customer> customers, String product, int n) throws Exception {
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
                        Customer c = customers.get(worker + workers * ((i / workers) % Math.max(1, customers.size() / workers)));
                        shop.addToCart(c, product, 1);
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
        // only confirmed orders can be advanced (under heavy load a saga may time out and fail an order)
        Map<String, Shop.Order> states = shop.orders(placed.stream().map(Placed::orderId).toList());
        List<Placed> confirmed = placed.stream().filter(p -> "CONFIRMED".equals(states.get(p.orderId()).status())).toList();
        System.out.printf("  %d orders placed and settled in %.1f s, %d CONFIRMED (the others are not tracked)%n", n,
                (System.nanoTime() - t0) / 1e9, confirmed.size());
        return confirmed;
    }

    /** One benchmark client socket with one subscription. */
    static final class Client {
        final List<JsonObject> events = new CopyOnWriteArrayList<>();
        final List<String> ends = new CopyOnWriteArrayList<>();
        volatile WebSocket ws;
    }

    private static final ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<String> failureReasons = new ConcurrentLinkedQueue<>();

    private static Future<Client> open(WebSocketClient client, String url, String token, String query, Map<String, Object> vars) {
        URI u = URI.create(url);
        Client c = new Client();
        Promise<Client> acked = Promise.promise();
        return client.connect(new WebSocketConnectOptions().setHost(u.getHost()).setPort(u.getPort()).setURI(u.getPath())
                .addSubProtocol("graphql-transport-ws")).compose(ws -> {
            c.ws = ws;
            ws.textMessageHandler(text -> {
                Instant arrived = Instant.now();
                JsonObject m = new JsonObject(text);
                switch (m.getString("type")) {
                    case "connection_ack" -> {
                        ws.writeTextMessage(new JsonObject().put("id", "1").put("type", "subscribe").put("payload",
                                new JsonObject().put("query", query).put("variables", new JsonObject(vars))).encode());
                        acked.tryComplete(c);
                    }
                    case "next" -> {
                        JsonObject ev = m.getJsonObject("payload").getJsonObject("data").getJsonObject("orderStatusChanged");
                        Instant at = OffsetDateTime.parse(ev.getString("at")).toInstant();
                        latenciesMicros.add(Duration.between(at, arrived).toNanos() / 1000);
                        c.events.add(ev);
                    }
                    case "ping" -> ws.writeTextMessage("{\"type\":\"pong\"}");
                    case "error", "complete" -> c.ends.add(text);
                    default -> { }
                }
            });
            ws.closeHandler(v -> {
                c.ends.add("closed " + ws.closeStatusCode());
                acked.tryFail("closed " + ws.closeStatusCode());
            });
            ws.writeTextMessage(new JsonObject().put("type", "connection_init")
                    .put("payload", new JsonObject().put("Authorization", "Bearer " + token)).encode());
            return acked.future();
        });
    }

    /** Opens the sockets, at most 200 handshakes at a time. */
    private static List<Client> openAll(WebSocketClient client, String url, int n, java.util.function.IntFunction<String> token,
                                        String query, java.util.function.IntFunction<Map<String, Object>> vars) throws Exception {
        Semaphore inFlight = new Semaphore(200);
        List<Future<Client>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            Future<Client> f = open(client, url, token.apply(i), query, vars.apply(i));
            f.onComplete(ar -> inFlight.release());
            fs.add(f);
        }
        List<Client> out = new ArrayList<>();
        for (Future<Client> f : fs) out.add(f.await(60, TimeUnit.SECONDS));
        return out;
    }

    private static void trackers(Shop shop, WebSocketClient client, RouterProcess router, String url, String label,
                                 List<Placed> orders, int rate) throws Exception {
        if (orders.isEmpty()) return;
        int n = orders.size();
        Memory before = router == null ? null : router.memory();
        long t0 = System.nanoTime();
        List<Client> clients = openAll(client, url, n, i -> orders.get(i).customer().token(), TRACK,
                i -> Map.of("id", orders.get(i).orderId()));
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        awaitSubscribed(router, n);
        Memory after = router == null ? null : router.memory();
        latenciesMicros.clear();
        // every order twice, in two passes at the given rate: CONFIRMED → ASSEMBLING, then → OUT_FOR_DELIVERY
        long start = System.nanoTime();
        int failures = 0;
        for (String status : List.of("ASSEMBLING", "OUT_FOR_DELIVERY")) failures += advanceAll(shop, orders, status, rate, start, status.equals("ASSEMBLING") ? 0 : n);
        double driveSeconds = (System.nanoTime() - start) / 1e9;
        // an advance the shop refused or that failed produced no event: it is not expected (its reason is printed)
        int expected = 2 * n - failures;
        awaitDelivered(clients, expected, Duration.ofSeconds(60));
        int delivered = clients.stream().mapToInt(c -> c.events.size()).sum();
        int inOrder = 0;
        for (int i = 0; i < n; i++) {
            String orderId = orders.get(i).orderId();
            List<String> statuses = clients.get(i).events.stream().filter(e -> e.getJsonObject("order").getString("id")
                    .equals(orderId)).map(e -> e.getString("status")).toList();
            if (List.of("ASSEMBLING", "OUT_FOR_DELIVERY").containsAll(statuses) && statuses.size() == clients.get(i).events.size()
                    && (statuses.size() < 2 || statuses.get(0).equals("ASSEMBLING"))) inOrder++;
        }
        long ended = clients.stream().filter(c -> !c.ends.isEmpty()).count();
        System.out.printf("TRACKERS %s: %d subscriptions opened in %.1f s; events expected %d, delivered %d; sockets with only their order's events, in order %d/%d; ended early %d; advances failed %d %s%n",
                label, n, openSeconds, expected, delivered, inOrder, n, ended, failures, failureReasons.isEmpty() ? ""
                        : "(e.g. " + failureReasons.stream().limit(3).toList() + ")");
        failureReasons.clear();
        System.out.printf("TRACKERS %s: event -> client %s; events sent at %.0f/s (target %d/s)%n", label, percentiles(), expected / driveSeconds, rate);
        if (router != null) printMemory(label, router, before, after, n);
        closeAll(clients);
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

    private static void fanout(Shop shop, WebSocketClient client, RouterProcess router, String url, String label,
                               String product, int sockets) throws Exception {
        if (sockets <= 0) return;
        Customer c = shop.signUp("fanout-" + label);
        shop.topUp(c, "1000.00");
        Memory before = router == null ? null : router.memory();
        long t0 = System.nanoTime();
        List<Client> clients = openAll(client, url, sockets, i -> c.token(), ALL_MINE, i -> Map.of());
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        awaitSubscribed(router, sockets);
        Memory after = router == null ? null : router.memory();
        latenciesMicros.clear();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shop.addToCart(c, product, 1);
            ids.add(shop.checkout(c));
        }
        int perOrder = 4; // PENDING, RESERVED, PAID, CONFIRMED
        int expected = sockets * 3 * perOrder;
        awaitDelivered(clients, expected, Duration.ofSeconds(60));
        int delivered = clients.stream().mapToInt(x -> x.events.size()).sum();
        long complete = clients.stream().filter(x -> x.events.size() == 3 * perOrder).count();
        System.out.printf("FANOUT %s: %d subscriptions of one customer opened in %.1f s; 3 orders placed; events expected %d, delivered %d; sockets with all %d events %d/%d%n",
                label, sockets, openSeconds, expected, delivered, 3 * perOrder, complete, sockets);
        System.out.printf("FANOUT %s: event -> client %s%n", label, percentiles());
        if (router != null) printMemory(label + " fan-out", router, before, after, sockets);
        closeAll(clients);
    }

    /** Through the router: until its /health counts every subscription upstream; then a moment for the subgraph. */
    private static void awaitSubscribed(RouterProcess router, int n) throws Exception {
        if (router != null) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (router.clientSubscriptions() < n) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("router holds " + router.clientSubscriptions() + " of " + n);
                Thread.sleep(200);
            }
        }
        // graphql-transport-ws has no subscription acknowledgement: give the subgraph time to start them all
        Thread.sleep(3000 + n / 5);
    }

    private static void awaitDelivered(List<Client> clients, int expected, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (clients.stream().mapToInt(c -> c.events.size()).sum() < expected && System.nanoTime() < deadline) Thread.sleep(200);
        Thread.sleep(500); // late duplicates would show
    }

    private static String percentiles() {
        long[] l = latenciesMicros.stream().mapToLong(Long::longValue).toArray();
        if (l.length == 0) return "no events";
        Arrays.sort(l);
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d events)", l[l.length / 2] / 1000.0,
                l[Math.min(l.length - 1, (int) Math.ceil(l.length * 0.99) - 1)] / 1000.0, l[l.length - 1] / 1000.0, l.length);
    }

    private static void closeAll(List<Client> clients) throws InterruptedException {
        for (Client c : clients) if (c.ws != null) c.ws.close();
        Thread.sleep(2000);
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

        static RouterProcess start(StackSettings s, Path dir) throws IOException {
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
}
