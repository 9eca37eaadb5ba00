package com.shopbff.system;

import tools.jackson.databind.JsonNode;

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

/**
 * A graphql-transport-ws client for one subscription through the router: connection_init with the bearer token,
 * subscribe after connection_ack, answers pings; records every {@code next} payload with its arrival time.
 */
public final class Subscriber implements AutoCloseable {
    /** One {@code next} payload and when it arrived (epoch ms, and nanoTime for durations). */
    public record Event(JsonNode payload, long arrivedEpochMs, long arrivedNanos) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<JsonNode> errors = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> acked = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket ws;
    private volatile boolean completed;

    private Subscriber(URI wsUrl, String token, String query, Map<String, ?> variables) {
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    onMessage(socket, text, query, variables);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                closed.complete(statusCode);
                acked.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closed.complete(-1);
                acked.completeExceptionally(error);
            }
        };
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(wsUrl, listener).join();
        send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
    }

    /** Opens the socket, waits for connection_ack and sends the subscription. */
    public static Subscriber open(String httpUrl, String token, String query, Map<String, ?> variables) {
        Subscriber s = new Subscriber(URI.create(httpUrl.replaceFirst("^http", "ws")), token, query, variables);
        try {
            s.acked.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("no connection_ack", e);
        }
        return s;
    }

    private void onMessage(WebSocket socket, String text, String query, Map<String, ?> variables) {
        long epoch = System.currentTimeMillis();
        long nanos = System.nanoTime();
        JsonNode msg = Gql.JSON.readTree(text);
        switch (msg.path("type").asString()) {
            case "connection_ack" -> {
                send(Map.of("id", "1", "type", "subscribe",
                        "payload", Map.of("query", query, "variables", variables == null ? Map.of() : variables)));
                acked.complete(null);
            }
            case "next" -> events.add(new Event(msg.get("payload"), epoch, nanos));
            case "error" -> errors.add(msg.get("payload"));
            case "complete" -> completed = true;
            case "ping" -> send(Map.of("type", "pong"));
            default -> { }
        }
    }

    private synchronized void send(Map<String, ?> message) {
        ws.sendText(Gql.JSON.writeValueAsString(message), true).join();
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<JsonNode> errors() {
        return List.copyOf(errors);
    }

    /** Whether the server sent {@code complete} for the subscription. */
    public boolean completed() {
        return completed;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        try {
            if (!ws.isOutputClosed()) ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the router may already be gone
        }
        ws.abort();
    }
}
