package com.shopbff.orders.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A minimal graphql-transport-ws client on the JDK WebSocket: connection_init with the token, subscribe, collect. */
public final class GraphQlWsClient implements WebSocket.Listener, AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    /** When each message of {@link #messages} (same index) arrived, for latency figures. */
    public final List<java.time.Instant> arrivals = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static GraphQlWsClient connect(int port, String token) {
        GraphQlWsClient client = new GraphQlWsClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), client).join();
        client.send(Map.of("type", "connection_init", "payload", token == null ? Map.of() : Map.of("Authorization", "Bearer " + token)));
        try {
            client.acknowledged.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no connection_ack; got " + client.messages, e);
        }
        return client;
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query, "variables", variables)));
    }

    /** Subscribes as a caller of its own: {@code extensions.authorization}, as the router sends on a shared connection. */
    public void subscribeAs(String token, String id, String query, Map<String, Object> variables) {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query, "variables", variables,
                "extensions", Map.of("authorization", "Bearer " + token))));
    }

    /** The {@code data} of every {@code next} message of subscription {@code id}, in arrival order. */
    public List<JsonNode> data(String id) {
        return messages.stream().filter(m -> "next".equals(m.path("type").asString()) && id.equals(m.path("id").asString()))
                .map(m -> m.path("payload").path("data")).toList();
    }

    public List<JsonNode> errors(String id) {
        return messages.stream().filter(m -> id.equals(m.path("id").asString())
                && ("error".equals(m.path("type").asString()) || m.path("payload").has("errors"))).toList();
    }

    private synchronized void send(Object message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            java.time.Instant arrived = java.time.Instant.now();
            JsonNode message = JSON.readTree(partial.toString());
            partial.setLength(0);
            synchronized (this) {
                arrivals.add(arrived);
                messages.add(message);
            }
            switch (message.path("type").asString()) {
                case "connection_ack" -> acknowledged.complete(null);
                case "ping" -> send(Map.of("type", "pong"));
                default -> { }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            socket.abort();
        }
    }
}
