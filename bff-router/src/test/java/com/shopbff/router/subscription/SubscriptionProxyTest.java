package com.shopbff.router.subscription;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.json.Json;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.TestSubgraph;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.*;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Subscriptions over graphql-transport-ws: the router proxies to a real WebSocket subgraph and joins each event
 * with an entity fetch from an HTTP subgraph.
 */
class SubscriptionProxyTest {
    static Vertx vertx;
    static HttpServer orders;
    static TestSubgraph products;
    static Router router;
    static final BlockingQueue<Map<String, Object>> upstreamInits = new LinkedBlockingQueue<>();
    static final BlockingQueue<String> upstreamQueries = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        orders = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of("graphql-transport-ws")))
                .webSocketHandler(ws -> ws.textMessageHandler(text -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) Json.parse(text);
                    switch (String.valueOf(m.get("type"))) {
                        case "connection_init" -> {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> p = (Map<String, Object>) m.getOrDefault("payload", Map.of());
                            upstreamInits.add(p);
                            ws.writeTextMessage("{\"type\":\"connection_ack\"}");
                        }
                        case "subscribe" -> {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> p = (Map<String, Object>) m.get("payload");
                            upstreamQueries.add(String.valueOf(p.get("query")));
                            Object id = m.get("id");
                            for (String status : List.of("PENDING", "PAID", "SHIPPED")) {
                                ws.writeTextMessage(Json.writeString(Map.of("type", "next", "id", id, "payload",
                                        Map.of("data", Map.of("orderStatusChanged", Map.of("id", "o1", "status", status,
                                                "product", Map.of("__typename", "Product", "id", "p1")))))));
                            }
                            ws.writeTextMessage(Json.writeString(Map.of("type", "complete", "id", id)));
                        }
                        default -> { }
                    }
                }))
                .listen(0).await(10, TimeUnit.SECONDS);
        products = TestSubgraph.builder("""
                type Query { _p: Int }
                type Product { id: ID! name: String }
                """).entityTable("Product", "id", List.of(Map.of("id", "p1", "name", "Table"))).start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/subscriptions.graphql"), 0)
                .withSubgraphUrls(Map.of("orders", "http://127.0.0.1:" + orders.actualPort() + "/graphql",
                        "products", products.url())));
    }

    @AfterAll
    static void stop() {
        router.close();
        products.close();
        vertx.close();
    }

    @Test
    void eventsFromTheSubgraphAreJoinedWithEntitiesAndForwardedInOrder() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create("ws://127.0.0.1:" + router.port() + "/graphql"), new WebSocket.Listener() {
                    final StringBuilder buf = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        buf.append(data);
                        if (last) {
                            received.add(buf.toString());
                            buf.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer t0k3n\"}}", true).get();
        assertEquals("{\"type\":\"connection_ack\"}", received.poll(10, TimeUnit.SECONDS));
        ws.sendText("{\"type\":\"ping\"}", true).get();
        assertEquals("{\"type\":\"pong\"}", received.poll(10, TimeUnit.SECONDS));
        ws.sendText("""
                {"type":"subscribe","id":"s1","payload":{"query":"subscription { orderStatusChanged(orderId: \\"o1\\") { status product { name } } }"}}""", true).get();
        for (String status : List.of("PENDING", "PAID", "SHIPPED")) {
            assertEquals("{\"type\":\"next\",\"id\":\"s1\",\"payload\":{\"data\":{\"orderStatusChanged\":{\"status\":\""
                    + status + "\",\"product\":{\"name\":\"Table\"}}}}}", received.poll(10, TimeUnit.SECONDS));
        }
        assertEquals("{\"type\":\"complete\",\"id\":\"s1\"}", received.poll(10, TimeUnit.SECONDS));
        assertEquals(Map.of("Authorization", "Bearer t0k3n"), upstreamInits.poll(5, TimeUnit.SECONDS),
                "the client's connection_init payload goes to the subgraph");
        assertTrue(upstreamQueries.poll(5, TimeUnit.SECONDS).contains("product { id __typename }"),
                "the subgraph gets its part of the selection plus the key fields");
        assertEquals(3, products.entityRequests());
        assertEquals("Bearer t0k3n", products.headers.get(0).get("authorization"));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    @Test
    void invalidSubscriptionIsAnErrorMessageNotAClosedSocket() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create("ws://127.0.0.1:" + router.port() + "/graphql"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        received.add(data.toString());
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"connection_init\"}", true).get();
        assertEquals("{\"type\":\"connection_ack\"}", received.poll(10, TimeUnit.SECONDS));
        ws.sendText("{\"type\":\"subscribe\",\"id\":\"x\",\"payload\":{\"query\":\"subscription { nope }\"}}", true).get();
        String msg = received.poll(10, TimeUnit.SECONDS);
        assertTrue(msg.startsWith("{\"type\":\"error\",\"id\":\"x\""), msg);
        assertTrue(msg.contains("GRAPHQL_VALIDATION_FAILED"), msg);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
