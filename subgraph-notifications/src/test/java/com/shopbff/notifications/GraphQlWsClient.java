package com.shopbff.notifications;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal graphql-transport-ws client on the JDK's WebSocket, for tests. */
final class GraphQlWsClient implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final BlockingQueue<DocumentContext> received = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private GraphQlWsClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(uri, new Listener()).join();
    }

    /** Connects and completes the connection_init / connection_ack handshake; token may be null. */
    static GraphQlWsClient connect(int port, String token) {
        GraphQlWsClient c = new GraphQlWsClient(URI.create("ws://127.0.0.1:" + port + "/graphql"));
        c.send(token == null ? Map.of("type", "connection_init", "payload", Map.of())
                : Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
        DocumentContext ack = c.next(Duration.ofSeconds(10));
        if (ack == null || !"connection_ack".equals(ack.read("$.type"))) throw new IllegalStateException("no connection_ack: " + (ack == null ? null : ack.jsonString()));
        return c;
    }

    void subscribe(String id, String query) {
        send(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", query)));
    }

    /** The next message from the server, or null when none came within {@code wait}. */
    DocumentContext next(Duration wait) {
        try {
            return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void send(Map<String, Object> message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JsonPath.parse(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
