package com.shopbff.router.subscription;

import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.auth.RevocationSettings;
import com.shopbff.router.json.Json;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.TestJwks;
import com.shopbff.router.support.TestSubgraph;
import com.shopbff.router.support.WsTestClient;
import com.shopbff.router.support.WsTestSubgraph;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Open subscriptions of a session that is revoked (signed out, erased) while they run end at once, over
 * graphql-transport-ws and graphql-sse, through the router's revocation feed on a real Kafka broker; other sessions'
 * subscriptions go on.
 */
class RevokedSessionSubscriptionsTest {
    static final String TOPIC = "revocations-" + UUID.randomUUID();
    static final String TRACK = "subscription Track($id: ID!) { orderStatusChanged(orderId: $id) { id status } }";

    static TestJwks jwks;
    static WsTestSubgraph orders;
    static TestSubgraph products;
    static Router router;
    static Vertx vertx;
    static WebSocketClient wsClient;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() throws Exception {
        jwks = new TestJwks();
        SharedTestInfra.kafka().createTopics(List.of(TOPIC), 1);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        orders = new WsTestSubgraph();
        products = TestSubgraph.builder("""
                type Query { _p: Int }
                type Product { id: ID! name: String }
                """).start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/subscriptions.graphql"), 0)
                .withSubgraphUrls(Map.of("orders", orders.url(), "products", products.url()))
                .withJwksUrl(jwks.url())
                .withRevocation(new RevocationSettings(SharedTestInfra.kafka().bootstrapServers(), TOPIC, Duration.ofMinutes(20))));
        vertx = Vertx.vertx();
        wsClient = WsTestClient.client(vertx);
    }

    @AfterAll
    static void stop() {
        router.close();
        products.close();
        orders.close();
        producer.close();
        jwks.close();
        WsTestClient.closeQuietly(vertx);
    }

    static void revoke(String subject, String sid) throws Exception {
        Instant at = Instant.now();
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"AccessRevoked\",\"occurredAt\":\"" + at + "\",\"key\":\""
                + subject + "\",\"payload\":{\"subject\":\"" + subject + "\"" + (sid == null ? "" : ",\"sessionId\":\"" + sid + "\"")
                + ",\"revokedAt\":\"" + at + "\",\"reason\":\"SIGNED_OUT\"}}";
        producer.send(new ProducerRecord<>(TOPIC, subject, json.getBytes(StandardCharsets.UTF_8))).get();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    static Map<String, Object> statusOf(WsTestSubgraph.Sub s, String status) {
        return Map.of("orderStatusChanged", Map.of("id", s.variables().get("id"), "status", status));
    }

    @Test
    void aRevokedSessionsWebSocketIsClosedWithForbiddenWhileAnotherSessionOfTheSameCustomerKeepsItsEvents() throws Exception {
        WsTestClient revoked = WsTestClient.connect(wsClient, router.port(),
                Map.of("Authorization", jwks.bearer("alice", Map.of("sid", "ws-s1"))));
        WsTestClient other = WsTestClient.connect(wsClient, router.port(),
                Map.of("Authorization", jwks.bearer("alice", Map.of("sid", "ws-s2"))));
        revoked.subscribe("a", TRACK, Map.of("id", "o-ws-1"));
        other.subscribe("b", TRACK, Map.of("id", "o-ws-2"));
        await(() -> orders.subs.stream().filter(s -> String.valueOf(s.variables().get("id")).startsWith("o-ws-")).count() == 2,
                "both upstream subscriptions");
        long closedBefore = router.subscriptionMetrics().revokedClientsClosed();

        revoke("alice", "ws-s1");

        assertEquals((short) 4403, revoked.closed.get(30, TimeUnit.SECONDS), "close code Forbidden: sign in again");
        await(() -> orders.subs.stream().noneMatch(s -> "o-ws-1".equals(s.variables().get("id"))),
                "the revoked session's upstream subscription completed");
        assertEquals(closedBefore + 1, router.subscriptionMetrics().revokedClientsClosed());
        orders.emit(s -> statusOf(s, "PAID"));
        Map<String, Object> next = other.expect("next");
        assertEquals("b", next.get("id"));
        assertTrue(Json.writeString(next.get("payload")).contains("\"o-ws-2\""));
        assertFalse(other.closed.isDone(), "the other session's connection stays open");
        other.ws.close();
    }

    @Test
    void aRevokedSubjectsEventStreamEndsWithAnUnauthenticatedError() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + "/graphql"))
                .header("content-type", "application/json").header("accept", "text/event-stream")
                .header("authorization", jwks.bearer("bob", Map.of("sid", "sse-s1")))
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("query", TRACK,
                        "variables", Map.of("id", "o-sse-1"))))).build();
        HttpResponse<java.io.InputStream> resp = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, resp.statusCode());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
                lines.add("<end of stream>");
            } catch (Exception ignored) {
                lines.add("<end of stream>");
            }
        });
        await(() -> orders.subs.stream().anyMatch(s -> "o-sse-1".equals(s.variables().get("id"))), "the upstream subscription");

        revoke("bob", null); // subject-wide (erasure, "sign out everywhere"): every token issued up to it

        List<String> seen = new ArrayList<>();
        String error = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // keep-alive comments arrive meanwhile
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(line, "the stream did not end within 30 s; saw " + seen);
            seen.add(line);
            if (line.startsWith("data: {\"errors\"")) error = line;
            if (line.equals("<end of stream>")) break;
        }
        assertNotNull(error, "an error event before the end; saw " + seen);
        assertTrue(error.contains("\"code\":\"UNAUTHENTICATED\""), error);
        assertTrue(seen.contains("event: complete"), "then complete; saw " + seen);
        await(() -> orders.subs.stream().noneMatch(s -> "o-sse-1".equals(s.variables().get("id"))),
                "the revoked stream's upstream subscription completed");
        reader.join(10_000);
    }
}
