package com.shopbff.router.edge;

import com.shopbff.router.edge.ratelimit.RateLimitConfig;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.WsTestClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Token buckets per client (JWT subject, trusted X-Forwarded-For, socket address), global, by cost; connections. */
class RateLimitTest {
    private static RouterClient.Result hello(EdgeStack s, Map<String, String> headers) {
        return s.client.post("{ hello }", null, headers);
    }

    @Test
    void aClientOverItsBucketGets429WithRetryAfterAndAGraphQLErrorWhileOthersGoOn() {
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withRateLimit(
                new RateLimitConfig(0.5, 3, 0, 0, false, 0, List.of())))) {
            String ann = s.jwks.bearer("ann", Map.of());
            for (int i = 0; i < 3; i++) assertEquals(200, hello(s, Map.of("authorization", ann)).status());
            int before = s.upstreamRequests();
            RouterClient.Result limited = hello(s, Map.of("authorization", ann));
            assertEquals(429, limited.status());
            int retry = Integer.parseInt(limited.header("retry-after"));
            assertTrue(retry >= 1 && retry <= 2, "retry after " + retry);
            assertEquals("RATE_LIMITED", limited.at("errors.0.extensions.code"));
            assertEquals(before, s.upstreamRequests());
            // another subject has its own bucket; so has the anonymous socket address
            assertEquals(200, hello(s, Map.of("authorization", s.jwks.bearer("bob", Map.of()))).status());
            assertEquals(200, hello(s, Map.of()).status());
        }
    }

    @Test
    void forwardedForNamesTheClientOnlyBehindATrustedProxy() {
        try (EdgeStack trusted = new EdgeStack(EdgeConfig.DEFAULTS.withRateLimit(
                new RateLimitConfig(0.1, 1, 0, 0, false, 0, List.of("127.0.0.1/32", "::1"))))) {
            assertEquals(200, hello(trusted, Map.of("x-forwarded-for", "198.51.100.1")).status());
            assertEquals(429, hello(trusted, Map.of("x-forwarded-for", "198.51.100.1")).status());
            assertEquals(200, hello(trusted, Map.of("x-forwarded-for", "198.51.100.2")).status());
            // a client cannot pick its key by prepending addresses: the right-most untrusted hop counts
            assertEquals(429, hello(trusted, Map.of("x-forwarded-for", "203.0.113.9, 198.51.100.2")).status());
        }
        try (EdgeStack untrusted = new EdgeStack(EdgeConfig.DEFAULTS.withRateLimit(
                new RateLimitConfig(0.1, 1, 0, 0, false, 0, List.of())))) {
            assertEquals(200, hello(untrusted, Map.of("x-forwarded-for", "198.51.100.1")).status());
            assertEquals(429, hello(untrusted, Map.of("x-forwarded-for", "198.51.100.2")).status(), "the socket address counts");
        }
    }

    @Test
    void theGlobalLimitAppliesToEveryone() {
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withRateLimit(
                new RateLimitConfig(0, 0, 0.1, 2, false, 0, List.of())))) {
            assertEquals(200, hello(s, Map.of("authorization", s.jwks.bearer("a", Map.of()))).status());
            assertEquals(200, hello(s, Map.of("authorization", s.jwks.bearer("b", Map.of()))).status());
            RouterClient.Result r = hello(s, Map.of("authorization", s.jwks.bearer("c", Map.of())));
            assertEquals(429, r.status());
            assertNotNull(r.header("retry-after"));
        }
    }

    @Test
    void withCostAccountingAnOperationTakesItsEstimatedCost() {
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withRateLimit(
                new RateLimitConfig(0.1, 20, 0, 0, true, 0, List.of())))) {
            assertEquals(200, s.client.post("{ products(first: 15) { id } }").status()); // 15 of 20
            RouterClient.Result r = s.client.post("{ products(first: 15) { id } }");
            assertEquals(429, r.status());
            assertEquals("RATE_LIMITED", r.at("errors.0.extensions.code"));
        }
    }

    @Test
    void webSocketConnectionsPerClientAreCountedAndReleased() throws Exception {
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withRateLimit(
                new RateLimitConfig(1000, 1000, 0, 0, false, 2, List.of())))) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("ws://127.0.0.1:" + s.router.port() + "/graphql");
            List<WebSocket> open = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                open.add(http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                        .buildAsync(uri, new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS));
            }
            CompletionException e = assertThrows(CompletionException.class, () -> http.newWebSocketBuilder()
                    .subprotocols("graphql-transport-ws").buildAsync(uri, new WebSocket.Listener() { }).join());
            WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            assertEquals(429, h.getResponse().statusCode());
            open.get(0).abort(); // dropped without a close frame
            open.get(1).sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            WebSocket again = connectEventually(http, uri);
            assertNotNull(again, "a connection dropped without a close frame frees its place");
            WebSocket third = connectEventually(http, uri);
            assertNotNull(third, "a connection closed properly frees its place");
            again.abort();
            third.abort();
        }
    }

    @Test
    void operationsOverAnOpenWebSocketCountAgainstTheClientsLimitAndARefusalLeavesTheConnectionOpen() throws Exception {
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withRateLimit(
                new RateLimitConfig(0.1, 3, 0, 0, false, 0, List.of())))) {
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            try {
                // the upgrade takes 1 of the anonymous client's 3; each operation sent over the socket takes 1 more
                WsTestClient c = WsTestClient.connect(WsTestClient.client(vertx), s.router.port(), Map.of());
                for (String id : List.of("q1", "q2")) {
                    c.subscribe(id, "{ hello }", null);
                    assertEquals(id, c.expect("next").get("id"));
                    assertEquals(id, c.expect("complete").get("id"));
                }
                int before = s.upstreamRequests();
                c.subscribe("q3", "{ hello }", null);
                Map<String, Object> refused = c.expect("error");
                assertEquals("q3", refused.get("id"));
                assertEquals("RATE_LIMITED", WsTestClient.errorCode(refused));
                assertEquals(before, s.upstreamRequests(), "a refused operation reaches no subgraph");
                c.ws.writeTextMessage("{\"type\":\"ping\"}");
                c.expect("pong");
                assertFalse(c.closed.isDone(), "the connection stays open");
                c.ws.close((short) 1000, "done");
                assertNotNull(c.closed.get(30, TimeUnit.SECONDS), "the router answers the client's close");
            } finally {
                WsTestClient.closeQuietly(vertx);
            }
        }
    }

    /** Connects, retrying for a few seconds (the router sees a close a moment after the client). */
    private static WebSocket connectEventually(HttpClient http, URI uri) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            try {
                return http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                        .buildAsync(uri, new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS);
            } catch (Exception retry) {
                Thread.sleep(100);
            }
        }
        return null;
    }
}
