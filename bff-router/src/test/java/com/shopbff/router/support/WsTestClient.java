package com.shopbff.router.support;

import com.shopbff.router.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A graphql-transport-ws client over a real WebSocket (Vert.x), recording every message it receives. */
public final class WsTestClient {
    public final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Short> closed = new CompletableFuture<>();
    public final WebSocket ws;

    private WsTestClient(WebSocket ws) {
        this.ws = ws;
    }

    /** Connects, sends connection_init with {@code init} and waits for connection_ack. */
    @SuppressWarnings("unchecked")
    public static WsTestClient connect(WebSocketClient client, int port, Map<String, Object> init) throws Exception {
        WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/graphql")
                .addSubProtocol("graphql-transport-ws")).await(10, TimeUnit.SECONDS);
        WsTestClient c = new WsTestClient(ws);
        ws.textMessageHandler(t -> c.messages.add((Map<String, Object>) Json.parse(t)));
        ws.closeHandler(v -> c.closed.complete(ws.closeStatusCode()));
        ws.writeTextMessage(Json.writeString(Map.of("type", "connection_init", "payload", init))).await(10, TimeUnit.SECONDS);
        Map<String, Object> ack = c.messages.poll(10, TimeUnit.SECONDS);
        if (ack == null || !"connection_ack".equals(ack.get("type"))) throw new AssertionError("no connection_ack: " + ack);
        return c;
    }

    /**
     * Closes a test's own Vert.x instance, waiting up to 30 s; a slower shutdown of the test's event loops (a busy CI
     * machine) is not a failure of what is tested.
     */
    public static void closeQuietly(Vertx vertx) {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception slowShutdown) {
            // left to the JVM's exit
        }
    }

    public static WebSocketClient client(Vertx vertx) {
        return vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000).setMaxMessageSize(4 << 20));
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("query", query);
        payload.put("variables", variables);
        ws.writeTextMessage(Json.writeString(Map.of("type", "subscribe", "id", id, "payload", payload)));
    }

    public Map<String, Object> next(long seconds) throws InterruptedException {
        return messages.poll(seconds, TimeUnit.SECONDS);
    }

    /** The next message, which must be of {@code type}. */
    public Map<String, Object> expect(String type) throws InterruptedException {
        Map<String, Object> m = next(20);
        if (m == null || !type.equals(m.get("type"))) throw new AssertionError("expected " + type + ", got " + m);
        return m;
    }

    /** The {@code extensions.code} of the first error of an {@code error} message. */
    @SuppressWarnings("unchecked")
    public static String errorCode(Map<String, Object> errorMessage) {
        List<Object> errors = (List<Object>) errorMessage.get("payload");
        Map<String, Object> first = (Map<String, Object>) errors.get(0);
        return String.valueOf(((Map<String, Object>) first.get("extensions")).get("code"));
    }
}
