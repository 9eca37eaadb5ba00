package com.shopbff.router.subscription;

import com.shopbff.router.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The upstream connections of one event loop, each carrying up to
 * {@link SubscriptionSettings#maxStreamsPerUpstreamConnection()} streams: per subgraph, shared by every caller when
 * the subgraph takes the caller per operation (learnt from its {@code connection_ack}), else per subgraph and
 * caller identity (the {@code connection_init} payload), which any graphql-transport-ws subgraph understands.
 */
final class UpstreamPool {
    final SubscriptionSettings settings;
    final SubscriptionMetrics metrics;
    private final Vertx vertx;
    private final WebSocketClient client;
    private final Map<String, String> urls;
    private final Map<String, List<UpstreamConnection>> byKey = new HashMap<>();
    /** Subgraphs that take the caller per operation ({@code connection_ack} payload {@code identityPerOperation}). */
    private final java.util.Set<String> identityPerOperation;

    UpstreamPool(Vertx vertx, WebSocketClient client, Map<String, String> urls, SubscriptionSettings settings,
                 SubscriptionMetrics metrics, java.util.Set<String> identityPerOperation) {
        this.identityPerOperation = identityPerOperation;
        this.vertx = vertx;
        this.client = client;
        this.urls = urls;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Whether the router knows where subgraph {@code name} is. */
    boolean knows(String subgraph) {
        return urls.get(subgraph) != null;
    }

    /**
     * Starts an upstream subscription for this subgraph and caller identity (the client's {@code connection_init}
     * payload) on a connection with room, opened when needed. A subgraph known to take the caller per operation
     * gets it in the subscription's {@code extensions.authorization}, on connections shared by every caller;
     * otherwise the connection is the identity's own.
     */
    UpstreamConnection.Stream subscribe(String subgraph, Map<String, Object> identity,
                                        Map<String, Object> subscribePayload, UpstreamConnection.Listener listener) {
        Map<String, Object> initPayload = identity;
        String key;
        if (identityPerOperation.contains(subgraph)) {
            Object auth = identity.get("Authorization");
            if (auth == null) auth = identity.get("authorization");
            if (auth != null) {
                subscribePayload = new java.util.LinkedHashMap<>(subscribePayload);
                subscribePayload.put("extensions", Map.of("authorization", auth.toString()));
            }
            initPayload = Map.of();
            key = subgraph + "\u0000*";
        } else {
            key = subgraph + '\u0000' + canonical(identity);
        }
        List<UpstreamConnection> list = byKey.computeIfAbsent(key, k -> new ArrayList<>(1));
        for (UpstreamConnection c : list) {
            if (c.hasRoom(settings.maxStreamsPerUpstreamConnection())) return c.add(subscribePayload, listener);
        }
        UpstreamConnection c = new UpstreamConnection(this, key, subgraph, initPayload, vertx);
        list.add(c);
        UpstreamConnection.Stream s = c.add(subscribePayload, listener);
        c.open(client, urls.get(subgraph));
        return s;
    }

    /** The subgraph acknowledged a connection saying operations may carry their own caller. */
    void learnedIdentityPerOperation(String subgraph) {
        identityPerOperation.add(subgraph);
    }

    void removed(UpstreamConnection c) {
        List<UpstreamConnection> list = byKey.get(c.key);
        if (list != null && list.remove(c) && list.isEmpty()) byKey.remove(c.key);
    }

    void keepAlive() {
        long interval = settings.keepAlive().toNanos();
        for (List<UpstreamConnection> list : new ArrayList<>(byKey.values())) {
            for (UpstreamConnection c : new ArrayList<>(list)) c.keepAlive(interval);
        }
    }

    void closeAll() {
        for (List<UpstreamConnection> list : new ArrayList<>(byKey.values())) {
            for (UpstreamConnection c : new ArrayList<>(list)) c.close();
        }
    }

    /** JSON with object keys sorted, so that equal values give equal keys. */
    static String canonical(Object value) {
        return Json.writeString(sorted(value));
    }

    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), sorted(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) out.add(sorted(x));
            return out;
        }
        return v;
    }
}
