package com.shopbff.router.subscription;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.json.Json;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RawWebSocket;
import com.shopbff.router.support.TestSubgraph;
import com.shopbff.router.support.WsTestClient;
import com.shopbff.router.support.WsTestSubgraph;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Subscriptions through the router at more than a handful of clients, against a real graphql-transport-ws subgraph:
 * every acknowledged subscription gets its events or a visible end.
 */
class SubscriptionsAtScaleTest {
    static final String TRACK = "subscription Track($id: ID!) { orderStatusChanged(orderId: $id) { id status } }";
    static final String TRACK_WITH_PRODUCT = "subscription Track($id: ID!) { orderStatusChanged(orderId: $id) { id status product { name } } }";
    static final int LOOPS = Math.max(1, Runtime.getRuntime().availableProcessors());

    Vertx vertx;
    WebSocketClient wsClient;
    WsTestSubgraph orders;
    TestSubgraph products;
    Router router;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        wsClient = WsTestClient.client(vertx);
        orders = new WsTestSubgraph();
        products = TestSubgraph.builder("""
                type Query { _p: Int }
                type Product { id: ID! name: String }
                """).entityTable("Product", "id", List.of(Map.of("id", "p1", "name", "Table"))).start();
    }

    Router router(String ordersUrl, SubscriptionSettings settings) {
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/subscriptions.graphql"), 0)
                .withSubgraphUrls(Map.of("orders", ordersUrl, "products", products.url())).withSubscriptions(settings));
        return router;
    }

    @AfterEach
    void stop() throws Exception {
        if (router != null) router.close();
        products.close();
        orders.close();
        WsTestClient.closeQuietly(vertx);
    }

    static Map<String, Object> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, Object> statusOf(WsTestSubgraph.Sub s, String status) {
        return Map.of("orderStatusChanged", Map.of("id", s.variables().get("id"), "status", status,
                "product", Map.of("__typename", "Product", "id", "p1")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> eventData(Map<String, Object> next) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) next.get("payload")).get("data")).get("orderStatusChanged");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    /** Waits until the subgraph holds every upstream subscription the router started. */
    void awaitUpstream() throws InterruptedException {
        await(() -> orders.subs.size() == router.subscriptionMetrics().upstreamSubscriptions().values().stream()
                .mapToLong(Long::longValue).sum(), "the upstream subscriptions");
    }

    /** The router's {@code router_subscription_hop_seconds_count} of one hop, from its /metrics. */
    long hopCount(String hop) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^router_subscription_hop_seconds_count\\{hop=\"" + hop
                    + "\"[^}]*\\} ([0-9.eE+]+)").matcher(body);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoHundredConcurrentSubscriptionsAllReceiveTheirEventsOverFewUpstreamConnections() throws Exception {
        router(orders.url(), SubscriptionSettings.DEFAULTS);
        int n = 200, identities = 4;
        List<WsTestClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WsTestClient c = WsTestClient.connect(wsClient, router.port(), bearer("customer-" + (i % identities)));
            c.subscribe("t" + i, TRACK, Map.of("id", "o" + i));
            clients.add(c);
        }
        orders.awaitSubscriptions(n);
        assertEquals(n, router.subscriptionMetrics().activeClientSubscriptions());
        orders.emit(s -> statusOf(s, "PAID"));
        orders.emit(s -> statusOf(s, "SHIPPED"));
        for (int i = 0; i < n; i++) {
            WsTestClient c = clients.get(i);
            for (String status : List.of("PAID", "SHIPPED")) {
                Map<String, Object> m = c.expect("next");
                assertEquals("t" + i, m.get("id"));
                assertEquals(Map.of("id", "o" + i, "status", status), eventData(m), "subscription " + i);
            }
        }
        // every event's hops through the router are timed (router_subscription_hop_seconds), once per client write
        await(() -> hopCount("client_write") >= 2 * n, "the client writes timed");
        assertTrue(hopCount("upstream_to_client_queue") >= 2 * n, "each upstream event timed to its client queue");
        assertTrue(orders.connectionsOpened.get() <= identities * LOOPS, "upstream connections: "
                + orders.connectionsOpened.get() + " for " + n + " subscriptions of " + identities + " callers");
        for (WsTestSubgraph.Sub s : orders.subs) {
            int i = Integer.parseInt(String.valueOf(s.variables().get("id")).substring(1));
            assertEquals(bearer("customer-" + (i % identities)), s.init(), "each upstream subscription runs as its own caller");
        }
    }

    @Test
    void subscriptionsOfManyCallersShareConnectionsWhenTheSubgraphTakesTheCallerPerOperation() throws Exception {
        orders.close();
        orders = new WsTestSubgraph(true);
        router(orders.url(), SubscriptionSettings.DEFAULTS);
        WsTestClient first = WsTestClient.connect(wsClient, router.port(), bearer("customer-first"));
        first.subscribe("t", TRACK, Map.of("id", "first"));
        orders.awaitSubscriptions(1); // the router learns from this connection's acknowledgement
        int n = 100;
        List<WsTestClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WsTestClient c = WsTestClient.connect(wsClient, router.port(), bearer("customer-" + i));
            c.subscribe("t", TRACK, Map.of("id", "o" + i));
            clients.add(c);
        }
        orders.awaitSubscriptions(n + 1);
        assertTrue(orders.connectionsOpened.get() <= 1 + LOOPS, "upstream connections for " + (n + 1) + " callers: "
                + orders.connectionsOpened.get());
        for (WsTestSubgraph.Sub s : orders.subs) {
            String id = String.valueOf(s.variables().get("id"));
            String token = id.equals("first") ? "customer-first" : "customer-" + id.substring(1);
            if (s.init().isEmpty()) {
                assertEquals(Map.of("authorization", "Bearer " + token), s.extensions(), "the caller travels with its subscription");
            } else {
                assertEquals(bearer(token), s.init(), "on a caller's own connection, the caller is the connection's");
            }
        }
        orders.emit(s -> statusOf(s, "PAID"));
        for (int i = 0; i < n; i++) assertEquals(Map.of("id", "o" + i, "status", "PAID"), eventData(clients.get(i).expect("next")));
    }

    @Test
    void identicalSubscriptionsShareOneUpstreamSubscriptionAndOneEntityFetchPerEvent() throws Exception {
        router(orders.url(), SubscriptionSettings.DEFAULTS);
        int n = 50;
        List<WsTestClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WsTestClient c = WsTestClient.connect(wsClient, router.port(), bearer("same-customer"));
            c.subscribe("s", TRACK_WITH_PRODUCT, Map.of("id", "o1"));
            clients.add(c);
        }
        await(() -> router.subscriptionMetrics().activeClientSubscriptions() == n, "50 client subscriptions");
        awaitUpstream();
        int upstream = orders.subs.size();
        assertTrue(upstream >= 1 && upstream <= LOOPS, "upstream subscriptions for 50 identical ones: " + upstream);
        orders.emit(s -> statusOf(s, "PAID"));
        for (WsTestClient c : clients) {
            assertEquals(Map.of("id", "o1", "status", "PAID", "product", Map.of("name", "Table")), eventData(c.expect("next")));
        }
        assertEquals(upstream, products.entityRequests(), "the entity fetch runs once per event and upstream subscription");
    }

    @Test
    void aSubscriptionWhoseSubgraphCannotBeReachedIsRefusedWithAnError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        router("http://127.0.0.1:" + closedPort + "/graphql", SubscriptionSettings.DEFAULTS);
        WsTestClient c = WsTestClient.connect(wsClient, router.port(), bearer("x"));
        c.subscribe("s", TRACK, Map.of("id", "o1"));
        Map<String, Object> m = c.expect("error");
        assertEquals("s", m.get("id"));
        assertEquals(SubscriptionCodes.UPSTREAM_UNAVAILABLE, WsTestClient.errorCode(m));
        assertEquals(0, router.subscriptionMetrics().activeClientSubscriptions());
        // the connection itself stays usable
        c.ws.writeTextMessage("{\"type\":\"ping\"}");
        c.expect("pong");
    }

    @Test
    void aSubgraphDroppingItsConnectionsEndsEverySubscriptionWithAnError() throws Exception {
        router(orders.url(), SubscriptionSettings.DEFAULTS);
        List<WsTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WsTestClient c = WsTestClient.connect(wsClient, router.port(), bearer("c" + (i % 3)));
            c.subscribe("s" + i, TRACK, Map.of("id", "o" + i));
            clients.add(c);
        }
        orders.awaitSubscriptions(20);
        orders.emit(s -> statusOf(s, "PAID"));
        orders.dropConnections();
        for (int i = 0; i < 20; i++) {
            WsTestClient c = clients.get(i);
            assertEquals("PAID", eventData(c.expect("next")).get("status"));
            Map<String, Object> end = c.expect("error");
            assertEquals("s" + i, end.get("id"));
            assertEquals(SubscriptionCodes.UPSTREAM_CLOSED, WsTestClient.errorCode(end));
        }
        await(() -> router.subscriptionMetrics().activeClientSubscriptions() == 0, "no active subscription");
        // subscribing again works once the subgraph is back (here: still listening)
        clients.get(0).subscribe("again", TRACK, Map.of("id", "o0"));
        orders.awaitSubscriptions(1);
        orders.emit(s -> statusOf(s, "SHIPPED"));
        assertEquals("SHIPPED", eventData(clients.get(0).expect("next")).get("status"));
    }

    @Test
    void aClientThatStopsReadingIsClosedAndDoesNotDelayTheOthers() throws Exception {
        router(orders.url(), SubscriptionSettings.DEFAULTS.withClientSendBufferBytes(64 * 1024));
        RawWebSocket slow = new RawWebSocket(router.port(), "graphql-transport-ws");
        slow.sendText(Json.writeString(Map.of("type", "connection_init", "payload", bearer("same"))));
        slow.sendText(Json.writeString(Map.of("type", "subscribe", "id", "s", "payload", Map.of("query", TRACK,
                "variables", Map.of("id", "o1")))));
        WsTestClient fast = WsTestClient.connect(wsClient, router.port(), bearer("same"));
        fast.subscribe("s", TRACK, Map.of("id", "o1"));
        await(() -> router.subscriptionMetrics().activeClientSubscriptions() == 2, "both subscriptions");
        awaitUpstream();
        // the slow client never reads: the router's writes to it back up. The events go out in rounds of 4 (32 KiB,
        // half the bound) that the fast client reads before the next round, so that a busy machine cannot make the
        // fast client itself fall 64 KiB behind: what is tested is that the slow one does not hold it back.
        String big = "x".repeat(8 * 1024);
        int events = 2000, round = 4; // 16 MB: far beyond socket buffers and the 64 KiB bound
        for (int i = 0; i < events; i += round) {
            for (int j = i; j < i + round; j++) {
                String status = "S" + j + big;
                orders.emit(s -> statusOf(s, status));
            }
            for (int j = i; j < i + round; j++) {
                Map<String, Object> m = fast.expect("next");
                assertTrue(String.valueOf(eventData(m).get("status")).startsWith("S" + j + "x"), "event " + j + " in order");
            }
        }
        await(() -> router.subscriptionMetrics().slowClientsClosed() == 1, "the slow client to be closed");
        assertEquals(SubscriptionCodes.SLOW_CONSUMER, slow.drainUntilClose(), "the slow client's close code");
        slow.close();
    }

    @Test
    void sseReceivesTheSameEventsAsWebSocket() throws Exception {
        router(orders.url(), SubscriptionSettings.DEFAULTS);
        WsTestClient ws = WsTestClient.connect(wsClient, router.port(), bearer("c1"));
        ws.subscribe("s", TRACK_WITH_PRODUCT, Map.of("id", "o7"));
        BlockingQueue<String> sse = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + "/graphql"))
                .header("content-type", "application/json").header("accept", "text/event-stream")
                .header("authorization", "Bearer c1")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("query", TRACK_WITH_PRODUCT,
                        "variables", Map.of("id", "o7"))))).build();
        HttpResponse<java.io.InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) sse.add(line);
            } catch (Exception ignored) {
                // stream closed
            }
        });
        await(() -> router.subscriptionMetrics().activeClientSubscriptions() == 2, "both subscriptions");
        awaitUpstream();
        for (String status : List.of("PAID", "SHIPPED", "DELIVERED")) orders.emit(s -> statusOf(s, status));
        orders.subs.forEach(s -> s.ws().writeTextMessage("{\"type\":\"complete\",\"id\":\"" + s.id() + "\"}"));
        List<String> fromWs = new ArrayList<>();
        for (int i = 0; i < 3; i++) fromWs.add(Json.writeString(ws.expect("next").get("payload")));
        ws.expect("complete");
        List<String> fromSse = new ArrayList<>();
        String event = null;
        while (true) {
            String line = sse.poll(20, TimeUnit.SECONDS);
            assertNotNull(line, "SSE stream ended early; got " + fromSse);
            if (line.startsWith("event: ")) event = line.substring(7);
            else if (line.startsWith("data: ") && "next".equals(event)) fromSse.add(line.substring(6));
            else if (line.startsWith("data") && "complete".equals(event)) break;
        }
        assertEquals(fromWs, fromSse);
        assertEquals(3, fromSse.size());
        reader.join(10_000);
    }

    @Test
    void sseRefusesAnInvalidSubscriptionWithAGraphQLError() throws Exception {
        router(orders.url(), SubscriptionSettings.DEFAULTS);
        HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + router.port() + "/graphql"))
                .header("content-type", "application/json").header("accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"subscription { nope }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, resp.statusCode());
        assertTrue(resp.body().contains("GRAPHQL_VALIDATION_FAILED"), resp.body());
    }

    @Test
    void aQueryFromAClientAcceptingJsonOrEventStreamsGetsJsonAndOneAcceptingOnlyEventStreamsGetsEvents() throws Exception {
        router(orders.url(), SubscriptionSettings.DEFAULTS);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + "/graphql"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"));
        HttpResponse<String> json = http.send(post.copy().header("accept",
                "application/graphql-response+json, application/json, text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("content-type").orElse("").startsWith("application/graphql-response+json"));
        assertEquals("{\"data\":{\"__typename\":\"Query\"}}", json.body());
        HttpResponse<String> sse = http.send(post.copy().header("accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(sse.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        assertTrue(sse.body().contains("event: next\ndata: {\"data\":{\"__typename\":\"Query\"}}\n\n"), sse.body());
        assertTrue(sse.body().endsWith("event: complete\ndata:\n\n"), sse.body());
    }

    @Test
    void shutdownTellsEverySubscribedClientToReconnect() throws Exception {
        Router r = router(orders.url(), SubscriptionSettings.DEFAULTS);
        List<WsTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            WsTestClient c = WsTestClient.connect(wsClient, r.port(), bearer("c"));
            c.subscribe("s", TRACK, Map.of("id", "o" + i));
            clients.add(c);
        }
        orders.awaitSubscriptions(10);
        r.close();
        router = null;
        for (WsTestClient c : clients) assertEquals(SubscriptionCodes.SERVICE_RESTART, c.closed.get(10, TimeUnit.SECONDS));
    }
}
