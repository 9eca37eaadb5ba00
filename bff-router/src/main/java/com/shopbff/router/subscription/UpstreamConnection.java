package com.shopbff.router.subscription;

import com.shopbff.router.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One graphql-transport-ws connection from the router to a subgraph, carrying many subscriptions (one
 * {@link Stream} each, ids "1", "2", …). Opened with one {@code connection_init} payload: every stream on it runs
 * with that caller identity. Lives on one event loop (its {@link UpstreamPool}'s); never touched from another thread.
 * <p>
 * Nothing ends silently: a connection that cannot be opened or acknowledged fails its streams with
 * {@link SubscriptionCodes#UPSTREAM_UNAVAILABLE}; one that closes or stops answering keep-alives fails them with
 * {@link SubscriptionCodes#UPSTREAM_CLOSED}.
 */
final class UpstreamConnection {
    /** What a stream's owner hears. Every stream hears exactly one of the three ends. */
    interface Listener {
        /** An event; {@code receivedNanos} is when its frame was read ({@link System#nanoTime()}). */
        void onNext(Map<String, Object> payload, long receivedNanos);

        /** The subgraph sent {@code error}, or the connection failed: the errors to pass on. */
        void onError(List<Object> errors);

        void onComplete();
    }

    /** One subscription on this connection. */
    final class Stream {
        final String id;
        final Map<String, Object> subscribePayload;
        final Listener listener;

        Stream(String id, Map<String, Object> subscribePayload, Listener listener) {
            this.id = id;
            this.subscribePayload = subscribePayload;
            this.listener = listener;
        }

        /** Stops the upstream subscription (sends {@code complete}); the listener hears nothing more. */
        void cancel() {
            if (streams.remove(id) == null) return;
            if (acked && !closed) send(om("type", "complete", "id", id));
            idleCheck();
        }
    }

    private final UpstreamPool pool;
    final String key;
    final String subgraph;
    private final Map<String, Object> initPayload;
    private final Vertx vertx;
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private WebSocket ws;
    private boolean acked;
    private boolean closed;
    private long counter;
    private long ackTimer = -1;
    private long lingerTimer = -1;
    private long lastHeardNanos = System.nanoTime();

    UpstreamConnection(UpstreamPool pool, String key, String subgraph, Map<String, Object> initPayload, Vertx vertx) {
        this.pool = pool;
        this.key = key;
        this.subgraph = subgraph;
        this.initPayload = initPayload;
        this.vertx = vertx;
    }

    /** Whether another stream may be added. */
    boolean hasRoom(int max) {
        return !closed && streams.size() < max;
    }

    int streamCount() {
        return streams.size();
    }

    /** Adds a stream; its subscribe message goes out once the subgraph acknowledged the connection. */
    Stream add(Map<String, Object> subscribePayload, Listener listener) {
        if (lingerTimer >= 0) {
            vertx.cancelTimer(lingerTimer);
            lingerTimer = -1;
        }
        Stream s = new Stream(Long.toString(++counter), subscribePayload, listener);
        streams.put(s.id, s);
        if (acked) sendSubscribe(s);
        return s;
    }

    void open(WebSocketClient client, String url) {
        URI u = URI.create(url);
        boolean ssl = "https".equalsIgnoreCase(u.getScheme()) || "wss".equalsIgnoreCase(u.getScheme());
        WebSocketConnectOptions opts = new WebSocketConnectOptions().setHost(u.getHost())
                .setPort(u.getPort() > 0 ? u.getPort() : (ssl ? 443 : 80))
                .setURI(u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                .setSsl(ssl).addSubProtocol("graphql-transport-ws");
        Object auth = initPayload.get("Authorization");
        if (auth == null) auth = initPayload.get("authorization");
        if (auth != null) opts.addHeader("authorization", auth.toString());
        ackTimer = vertx.setTimer(pool.settings.upstreamAckTimeout().toMillis(), id -> {
            ackTimer = -1;
            if (!acked) fail(SubscriptionCodes.UPSTREAM_UNAVAILABLE, "Subgraph '" + subgraph
                    + "' did not acknowledge the subscription connection in time.");
        });
        client.connect(opts).onComplete(ar -> {
            if (ar.failed()) {
                fail(SubscriptionCodes.UPSTREAM_UNAVAILABLE, "Cannot open subscription to subgraph '" + subgraph
                        + "': " + ar.cause().getMessage());
                return;
            }
            ws = ar.result();
            if (closed) {
                ws.close();
                return;
            }
            pool.metrics.upstreamConnection(subgraph, 1);
            ws.textMessageHandler(this::onMessage);
            ws.pongHandler(b -> lastHeardNanos = System.nanoTime());
            ws.exceptionHandler(t -> { }); // the close handler reports
            ws.closeHandler(v -> {
                pool.metrics.upstreamConnection(subgraph, -1);
                if (!closed) {
                    Short code = ws.closeStatusCode();
                    fail(acked ? SubscriptionCodes.UPSTREAM_CLOSED : SubscriptionCodes.UPSTREAM_UNAVAILABLE,
                            "Subgraph '" + subgraph + "' closed the subscription connection"
                                    + (code == null ? "" : " (code " + code + ")")
                                    + (acked ? "; events after the last one delivered may have been missed: subscribe again." : "."));
                }
            });
            send(om("type", "connection_init", "payload", initPayload));
        });
    }

    @SuppressWarnings("unchecked")
    private void onMessage(String text) {
        long received = System.nanoTime();
        lastHeardNanos = received;
        Map<String, Object> m;
        try {
            m = (Map<String, Object>) Json.parse(text);
        } catch (RuntimeException e) {
            return;
        }
        String type = String.valueOf(m.get("type"));
        switch (type) {
            case "connection_ack" -> {
                if (acked) return;
                acked = true;
                if (ackTimer >= 0) vertx.cancelTimer(ackTimer);
                if (m.get("payload") instanceof Map<?, ?> p && Boolean.TRUE.equals(p.get("identityPerOperation"))) {
                    pool.learnedIdentityPerOperation(subgraph);
                }
                for (Stream s : new ArrayList<>(streams.values())) sendSubscribe(s);
                idleCheck();
            }
            case "ping" -> send(om("type", "pong"));
            case "next" -> {
                Stream s = streams.get(String.valueOf(m.get("id")));
                if (s != null) s.listener.onNext(m.get("payload") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of(), received);
            }
            case "error" -> {
                Stream s = streams.remove(String.valueOf(m.get("id")));
                if (s != null) {
                    s.listener.onError(m.get("payload") instanceof List<?> l ? new ArrayList<>(l)
                            : List.of(error("Subgraph '" + subgraph + "' refused the subscription.", "SUBREQUEST_HTTP_ERROR")));
                    idleCheck();
                }
            }
            case "complete" -> {
                Stream s = streams.remove(String.valueOf(m.get("id")));
                if (s != null) {
                    s.listener.onComplete();
                    idleCheck();
                }
            }
            default -> { }
        }
    }

    private void sendSubscribe(Stream s) {
        send(om("type", "subscribe", "id", s.id, "payload", s.subscribePayload));
    }

    private void send(Map<String, Object> msg) {
        if (ws != null && !ws.isClosed()) ws.writeTextMessage(Json.writeString(msg));
    }

    /** A keep-alive ping frame; a connection silent for three intervals is treated as lost. */
    void keepAlive(long intervalNanos) {
        if (ws == null || closed || !acked) return;
        if (System.nanoTime() - lastHeardNanos > 3 * intervalNanos) {
            fail(SubscriptionCodes.UPSTREAM_CLOSED, "Subgraph '" + subgraph + "' stopped answering keep-alives; "
                    + "events after the last one delivered may have been missed: subscribe again.");
            return;
        }
        ws.writePing(Buffer.buffer());
    }

    /** With no stream left the connection lingers a moment (a resubscription reuses it), then closes. */
    private void idleCheck() {
        if (!streams.isEmpty() || closed || lingerTimer >= 0) return;
        lingerTimer = vertx.setTimer(Math.max(1, pool.settings.upstreamLinger().toMillis()), id -> {
            lingerTimer = -1;
            if (streams.isEmpty()) close();
        });
    }

    /** Closes without telling the streams (there are none, or the router is shutting down). */
    void close() {
        if (closed) return;
        closed = true;
        pool.removed(this);
        if (ws != null && !ws.isClosed()) ws.close();
    }

    private void fail(String code, String message) {
        if (closed) return;
        closed = true;
        pool.removed(this);
        if (ackTimer >= 0) vertx.cancelTimer(ackTimer);
        if (ws != null && !ws.isClosed()) ws.close();
        List<Stream> all = new ArrayList<>(streams.values());
        streams.clear();
        if (code.equals(SubscriptionCodes.UPSTREAM_UNAVAILABLE)) pool.metrics.upstreamOpenFailed();
        for (Stream s : all) {
            if (code.equals(SubscriptionCodes.UPSTREAM_CLOSED)) pool.metrics.upstreamLostOne();
            s.listener.onError(List.of(error(message, code)));
        }
    }

    static Map<String, Object> error(String message, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("extensions", Map.of("code", code));
        return e;
    }

    /** Ordered map, so that messages serialise with {@code type} first. */
    static Map<String, Object> om(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
