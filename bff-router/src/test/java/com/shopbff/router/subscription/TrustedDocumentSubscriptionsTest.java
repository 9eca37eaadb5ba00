package com.shopbff.router.subscription;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.edge.EdgeConfig;
import com.shopbff.router.edge.persisted.PersistedConfig;
import com.shopbff.router.edge.persisted.Sha256;
import com.shopbff.router.json.Json;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.TestSubgraph;
import com.shopbff.router.support.WsTestClient;
import com.shopbff.router.support.WsTestSubgraph;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Subscriptions of a client that sends trusted documents by id only (the web clients in production: the router
 * enforcing the manifest and requiring ids), over both transports: graphql-transport-ws (whose client libraries
 * insist on a {@code query} string, so the id comes with an empty one) and graphql-sse (GraphQL over HTTP's
 * {@code documentId} in place of {@code query}).
 */
class TrustedDocumentSubscriptionsTest {
    static final String TRACK = "subscription Track($id: ID!) { orderStatusChanged(orderId: $id) { id status } }";
    static final String ID = "sha256:" + Sha256.hex(TRACK);

    Vertx vertx;
    WsTestSubgraph orders;
    TestSubgraph products;
    Router router;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("persisted-documents.json");
        Files.writeString(manifest, Json.writeString(Map.of(ID, TRACK))); // as GraphQL Codegen's client preset writes it
        vertx = Vertx.vertx();
        orders = new WsTestSubgraph();
        products = TestSubgraph.builder("""
                type Query { _p: Int }
                type Product { id: ID! name: String }
                """).entityTable("Product", "id", List.of(Map.of("id", "p1", "name", "Table"))).start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/subscriptions.graphql"), 0)
                .withSubgraphUrls(Map.of("orders", orders.url(), "products", products.url()))
                .withEdge(EdgeConfig.DEFAULTS.withPersisted(PersistedConfig.DEFAULTS
                        .withManifest(manifest, PersistedConfig.Mode.ENFORCE).withRequireId(true))));
    }

    @AfterEach
    void stop() throws Exception {
        if (router != null) router.close();
        products.close();
        orders.close();
        WsTestClient.closeQuietly(vertx);
    }

    static Map<String, Object> paid(WsTestSubgraph.Sub s) {
        return Map.of("orderStatusChanged", Map.of("id", s.variables().get("id"), "status", "PAID"));
    }

    @Test
    void overWebSocketADocumentIdWithAnEmptyQueryRunsTheListedSubscriptionAndTextIsRefused() throws Exception {
        WebSocketClient wsClient = WsTestClient.client(vertx);
        WsTestClient c = WsTestClient.connect(wsClient, router.port(), Map.of());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("query", ""); // what graphql-ws clients must send beside the id
        payload.put("documentId", ID);
        payload.put("variables", Map.of("id", "o1"));
        c.ws.writeTextMessage(Json.writeString(Map.of("type", "subscribe", "id", "s1", "payload", payload)));
        orders.awaitSubscriptions(1);
        assertTrue(orders.subs.get(0).query().contains("orderStatusChanged"), orders.subs.get(0).query());
        orders.emit(TrustedDocumentSubscriptionsTest::paid);
        Map<String, Object> next = c.expect("next");
        assertEquals("{\"data\":{\"orderStatusChanged\":{\"id\":\"o1\",\"status\":\"PAID\"}}}", Json.writeString(next.get("payload")));

        c.subscribe("s2", TRACK, Map.of("id", "o2"));
        Map<String, Object> refused = c.expect("error");
        assertEquals("s2", refused.get("id"));
        assertEquals("PERSISTED_QUERY_ID_REQUIRED", WsTestClient.errorCode(refused));
    }

    @Test
    void overServerSentEventsADocumentIdAloneRunsTheListedSubscriptionAndAnUnknownIdIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + "/graphql"))
                .header("content-type", "application/json").header("accept", "text/event-stream");
        HttpResponse<java.io.InputStream> resp = http.send(post.copy().POST(HttpRequest.BodyPublishers.ofString(
                Json.writeString(Map.of("documentId", ID, "variables", Map.of("id", "o7"))))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (Exception ignored) {
                // stream closed
            }
        });
        orders.awaitSubscriptions(1);
        orders.emit(TrustedDocumentSubscriptionsTest::paid);
        String data = null;
        while (data == null) {
            String line = lines.poll(20, TimeUnit.SECONDS);
            assertNotNull(line, "no event on the SSE stream");
            if (line.startsWith("data: {")) data = line.substring(6);
        }
        assertEquals("{\"data\":{\"orderStatusChanged\":{\"id\":\"o7\",\"status\":\"PAID\"}}}", data);
        orders.subs.forEach(s -> s.ws().writeTextMessage("{\"type\":\"complete\",\"id\":\"" + s.id() + "\"}"));
        reader.join(10_000);

        HttpResponse<String> unknown = http.send(post.copy().POST(HttpRequest.BodyPublishers.ofString(
                "{\"documentId\":\"sha256:" + Sha256.hex("subscription { other }") + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("PERSISTED_QUERY_NOT_IN_LIST"), unknown.body());
        HttpResponse<String> neither = http.send(post.copy().POST(HttpRequest.BodyPublishers.ofString(
                "{\"variables\":{}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, neither.statusCode());
        assertTrue(neither.body().contains("Must provide query string."), neither.body());
    }
}
