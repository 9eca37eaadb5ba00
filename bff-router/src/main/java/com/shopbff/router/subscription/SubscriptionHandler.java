package com.shopbff.router.subscription;

import com.shopbff.router.auth.TokenValidator;
import com.shopbff.router.pipeline.GraphQLRequest;
import com.shopbff.router.pipeline.OperationPipeline;
import com.shopbff.router.pipeline.Preparation;
import com.shopbff.router.pipeline.Prepared;
import com.shopbff.router.pipeline.Rejected;
import com.shopbff.router.pipeline.RouterObserver;
import com.shopbff.router.json.Json;
import com.shopbff.router.plan.PlanNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.util.*;

/**
 * graphql-transport-ws server on {@code /graphql}. A subscription opens a graphql-transport-ws connection to the
 * owning subgraph (same URL, ws scheme) with the client's connection_init payload, subscribes with the primary
 * fetch and, per event, runs the rest of the plan (entity fetches) before sending {@code next}.
 */
public final class SubscriptionHandler implements Handler<ServerWebSocket> {
    private final Vertx vertx;
    private final OperationPipeline pipeline;
    private final Map<String, String> urls;
    private final TokenValidator tokens;
    private final WebSocketClient wsClient;

    public SubscriptionHandler(Vertx vertx, OperationPipeline pipeline, Map<String, String> urls, TokenValidator tokens) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.urls = urls;
        this.tokens = tokens;
        this.wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
                .setMaxMessageSize(4 << 20));
    }

    /** Ordered map, so that messages serialise with {@code type} first. */
    static Map<String, Object> om(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Override
    public void handle(ServerWebSocket ws) {
        if (!"graphql-transport-ws".equals(ws.subProtocol())) {
            ws.close((short) 4406, "Subprotocol not acceptable");
            return;
        }
        new Connection(ws).start();
    }

    private final class Connection {
        final ServerWebSocket ws;
        boolean acked;
        boolean initReceived;
        Map<String, Object> initPayload = Map.of();
        final Map<String, WebSocket> upstreams = new HashMap<>();
        final Set<String> active = new HashSet<>();
        long initTimer;

        Connection(ServerWebSocket ws) {
            this.ws = ws;
        }

        void start() {
            initTimer = vertx.setTimer(10_000, id -> {
                if (!acked) ws.close((short) 4408, "Connection initialisation timeout");
            });
            ws.textMessageHandler(this::onMessage);
            // Vert.x drops a message over the size limit and reports it here: tell the client instead of going silent
            ws.exceptionHandler(t -> {
                if (String.valueOf(t.getMessage()).contains("size") && !ws.isClosed()) ws.close((short) 1009, "Message too big");
            });
            ws.closeHandler(v -> {
                vertx.cancelTimer(initTimer);
                upstreams.values().forEach(u -> u.close());
                upstreams.clear();
                active.clear();
            });
        }

        void send(Map<String, Object> msg) {
            if (!ws.isClosed()) ws.writeTextMessage(Json.writeString(msg));
        }

        @SuppressWarnings("unchecked")
        void onMessage(String text) {
            Map<String, Object> msg;
            try {
                Object o = Json.parse(text);
                if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException();
                msg = (Map<String, Object>) m;
            } catch (RuntimeException e) {
                ws.close((short) 4400, "Invalid message");
                return;
            }
            String type = String.valueOf(msg.get("type"));
            switch (type) {
                case "connection_init" -> {
                    if (initReceived) {
                        ws.close((short) 4429, "Too many initialisation requests");
                        return;
                    }
                    initReceived = true;
                    if (msg.get("payload") instanceof Map<?, ?> p) initPayload = (Map<String, Object>) p;
                    if (tokens != null && authorization() != null) {
                        String auth = authorization();
                        // the JWKS may have to be fetched: off the event loop
                        vertx.executeBlocking(() -> tokens.validate(auth), false).onComplete(ar -> {
                            if (ar.failed() || ar.result() != null) {
                                ws.close((short) 4403, "Forbidden");
                            } else {
                                acked = true;
                                vertx.cancelTimer(initTimer);
                                send(om("type", "connection_ack"));
                            }
                        });
                        return;
                    }
                    acked = true;
                    vertx.cancelTimer(initTimer);
                    send(om("type", "connection_ack"));
                }
                case "ping" -> send(om("type", "pong"));
                case "pong" -> { }
                case "subscribe" -> {
                    if (!acked) {
                        ws.close((short) 4401, "Unauthorized");
                        return;
                    }
                    if (!(msg.get("id") instanceof String sid) || sid.isEmpty() || !(msg.get("payload") instanceof Map)) {
                        ws.close((short) 4400, "Invalid message: subscribe needs a string id and an object payload");
                        return;
                    }
                    String id = sid;
                    if (!active.add(id)) {
                        ws.close((short) 4409, "Subscriber for " + id + " already exists");
                        return;
                    }
                    subscribe(id, msg.get("payload") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of());
                }
                case "complete" -> {
                    String id = String.valueOf(msg.get("id"));
                    active.remove(id);
                    WebSocket u = upstreams.remove(id);
                    if (u != null) {
                        u.writeTextMessage(Json.writeString(om("type", "complete", "id", "1")));
                        u.close();
                    }
                }
                default -> ws.close((short) 4400, "Unknown message type");
            }
        }

        String authorization() {
            Object a = initPayload.get("Authorization");
            if (a == null) a = initPayload.get("authorization");
            return a == null ? null : a.toString();
        }

        @SuppressWarnings("unchecked")
        void subscribe(String id, Map<String, Object> payload) {
            Object q = payload.get("query");
            Object vars = payload.get("variables");
            Object on = payload.get("operationName");
            Map<String, String> headers = new HashMap<>();
            if (authorization() != null) headers.put("authorization", authorization());
            GraphQLRequest req = new GraphQLRequest(q instanceof String str ? str : null,
                    on instanceof String str ? str : null, vars instanceof Map<?, ?> m ? (Map<String, Object>) m : null,
                    payload.get("extensions") instanceof Map<?, ?> x ? (Map<String, Object>) x : null,
                    null, headers, false, null);
            Preparation prepared;
            try {
                prepared = pipeline.prepare(req);
            } catch (RuntimeException e) {
                prepared = Rejected.transport(500, "Internal router error", "INTERNAL_SERVER_ERROR");
            }
            if (prepared instanceof Rejected r) {
                sendError(id, r.errors());
                return;
            }
            Prepared prep = (Prepared) prepared;
            if (!(prep.plan().root() instanceof PlanNode.Subscription sub)) {
                pipeline.execute(req).onComplete(ar -> {
                    if (!active.contains(id)) return;
                    if (ar.succeeded()) {
                        if (ar.result().isRequestError()) sendError(id, ar.result().body().get("errors"));
                        else {
                            send(om("type", "next", "id", id, "payload", ar.result().body()));
                            send(om("type", "complete", "id", id));
                        }
                    }
                    active.remove(id);
                });
                return;
            }
            String url = urls.get(sub.primary().service());
            if (url == null) {
                sendError(id, List.of(Map.of("message", "No URL for subgraph " + sub.primary().service())));
                return;
            }
            URI u = URI.create(url);
            boolean ssl = "https".equalsIgnoreCase(u.getScheme()) || "wss".equalsIgnoreCase(u.getScheme());
            WebSocketConnectOptions opts = new WebSocketConnectOptions().setHost(u.getHost())
                    .setPort(u.getPort() > 0 ? u.getPort() : (ssl ? 443 : 80))
                    .setURI(u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                    .setSsl(ssl).addSubProtocol("graphql-transport-ws");
            if (authorization() != null) opts.addHeader("authorization", authorization());
            wsClient.connect(opts).onComplete(ar -> {
                if (ar.failed()) {
                    sendError(id, List.of(Map.of("message", "Cannot open subscription to subgraph '"
                            + sub.primary().service() + "': " + ar.cause().getMessage(),
                            "extensions", Map.of("code", "SUBREQUEST_HTTP_ERROR"))));
                    return;
                }
                WebSocket up = ar.result();
                if (!active.contains(id) || ws.isClosed()) {
                    up.close();
                    return;
                }
                upstreams.put(id, up);
                Future<?>[] chain = {Future.succeededFuture()};
                up.textMessageHandler(t -> {
                    Map<String, Object> m;
                    try {
                        m = (Map<String, Object>) Json.parse(t);
                    } catch (RuntimeException e) {
                        return;
                    }
                    switch (String.valueOf(m.get("type"))) {
                        case "connection_ack" -> {
                            Map<String, Object> sp = new LinkedHashMap<>();
                            sp.put("query", sub.primary().operation());
                            Map<String, Object> v = new LinkedHashMap<>();
                            for (String name : sub.primary().variables()) {
                                if (prep.variables().containsKey(name)) v.put(name, prep.variables().get(name));
                            }
                            sp.put("variables", v);
                            up.writeTextMessage(Json.writeString(om("type", "subscribe", "id", "1", "payload", sp)));
                        }
                        case "ping" -> up.writeTextMessage("{\"type\":\"pong\"}");
                        case "next" -> {
                            Map<String, Object> p = m.get("payload") instanceof Map<?, ?> pm ? (Map<String, Object>) pm : Map.of();
                            chain[0] = chain[0].compose(x -> onEvent(id, prep, sub, p), x -> onEvent(id, prep, sub, p));
                        }
                        case "error" -> {
                            chain[0] = chain[0].onComplete(x -> sendError(id, m.get("payload")));
                            upstreams.remove(id);
                            up.close();
                        }
                        case "complete" -> {
                            chain[0] = chain[0].onComplete(x -> {
                                if (active.remove(id)) send(om("type", "complete", "id", id));
                            });
                            upstreams.remove(id);
                            up.close();
                        }
                        default -> { }
                    }
                });
                up.closeHandler(v -> {
                    if (upstreams.remove(id) != null && active.contains(id)) {
                        chain[0].onComplete(x -> {
                            if (active.remove(id)) {
                                sendError(id, List.of(Map.of("message", "Subgraph '" + sub.primary().service()
                                        + "' closed the subscription", "extensions", Map.of("code", "SUBREQUEST_HTTP_ERROR"))));
                            }
                        });
                    }
                });
                Map<String, Object> init = new LinkedHashMap<>();
                init.put("type", "connection_init");
                init.put("payload", initPayload);
                up.writeTextMessage(Json.writeString(init));
            });
        }

        @SuppressWarnings("unchecked")
        Future<Void> onEvent(String id, Prepared prep, PlanNode.Subscription sub, Map<String, Object> payload) {
            if (!active.contains(id)) return Future.succeededFuture();
            Map<String, Object> data = payload.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            List<Map<String, Object>> errors = new ArrayList<>();
            if (payload.get("errors") instanceof List<?> errs) {
                for (Object e : errs) if (e instanceof Map<?, ?> m) errors.add((Map<String, Object>) m);
            }
            return pipeline.executeSubscriptionEvent(prep, data, errors, RouterObserver.RequestObservation.NONE).map(r -> {
                if (active.contains(id)) send(om("type", "next", "id", id, "payload", r.body()));
                return null;
            });
        }

        void sendError(String id, Object errors) {
            active.remove(id);
            List<Object> list = errors instanceof List<?> l ? new ArrayList<>(l) : List.of(Map.of("message", "Subscription failed"));
            send(om("type", "error", "id", id, "payload", list));
        }
    }
}
