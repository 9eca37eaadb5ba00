package com.shopbff.router.support;

import com.shopbff.router.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A subgraph speaking graphql-transport-ws over a real WebSocket (Vert.x), for subscription tests: it acknowledges
 * every connection, records every subscription (connection, id, init payload, variables) and sends events only
 * when the test says so ({@link #emit}).
 */
public final class WsTestSubgraph implements AutoCloseable {
    /** One subscription the subgraph holds. */
    public record Sub(ServerWebSocket ws, String id, Map<String, Object> init, Map<String, Object> variables, String query,
                      Map<String, Object> extensions) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    public final List<Sub> subs = new CopyOnWriteArrayList<>();
    public final List<ServerWebSocket> connections = new CopyOnWriteArrayList<>();
    public final AtomicInteger connectionsOpened = new AtomicInteger();

    private final boolean identityPerOperation;

    public WsTestSubgraph() throws Exception {
        this(false);
    }

    /**
     * @param identityPerOperation whether it announces, in its {@code connection_ack}, that a subscription may carry
     *                             its own caller ({@code extensions.authorization}), as the shop's subgraphs do
     */
    @SuppressWarnings("unchecked")
    public WsTestSubgraph(boolean identityPerOperation) throws Exception {
        this.identityPerOperation = identityPerOperation;
        server = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of("graphql-transport-ws"))
                        .setMaxWebSocketMessageSize(4 << 20))
                .webSocketHandler(ws -> {
                    connectionsOpened.incrementAndGet();
                    connections.add(ws);
                    Map<String, Object>[] init = new Map[]{Map.of()};
                    ws.closeHandler(v -> {
                        connections.remove(ws);
                        subs.removeIf(s -> s.ws() == ws);
                    });
                    ws.textMessageHandler(text -> {
                        Map<String, Object> m = (Map<String, Object>) Json.parse(text);
                        switch (String.valueOf(m.get("type"))) {
                            case "connection_init" -> {
                                init[0] = (Map<String, Object>) m.getOrDefault("payload", Map.of());
                                ws.writeTextMessage(identityPerOperation
                                        ? "{\"type\":\"connection_ack\",\"payload\":{\"identityPerOperation\":true}}"
                                        : "{\"type\":\"connection_ack\"}");
                            }
                            case "subscribe" -> {
                                Map<String, Object> p = (Map<String, Object>) m.get("payload");
                                subs.add(new Sub(ws, String.valueOf(m.get("id")), init[0],
                                        (Map<String, Object>) p.getOrDefault("variables", Map.of()), String.valueOf(p.get("query")),
                                        (Map<String, Object>) p.getOrDefault("extensions", Map.of())));
                            }
                            case "complete" -> subs.removeIf(s -> s.ws() == ws && s.id().equals(String.valueOf(m.get("id"))));
                            case "ping" -> ws.writeTextMessage("{\"type\":\"pong\"}");
                            default -> { }
                        }
                    });
                }).listen(0).await(10, TimeUnit.SECONDS);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/graphql";
    }

    /** Sends a {@code next} to every subscription, with the data {@code data} computes for it. */
    public void emit(Function<Sub, Map<String, Object>> data) {
        for (Sub s : subs) {
            s.ws().writeTextMessage(Json.writeString(Map.of("type", "next", "id", s.id(), "payload", Map.of("data", data.apply(s)))));
        }
    }

    /** Closes every connection, as a restarting subgraph does. */
    public void dropConnections() {
        for (ServerWebSocket ws : connections) ws.close((short) 1001, "going away");
    }

    /** Waits until the subgraph holds {@code n} subscriptions. */
    public void awaitSubscriptions(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (subs.size() < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("subgraph holds " + subs.size() + " subscriptions, expected " + n);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        WsTestClient.closeQuietly(vertx);
    }
}
