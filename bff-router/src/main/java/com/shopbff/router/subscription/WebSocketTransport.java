package com.shopbff.router.subscription;

import com.shopbff.router.auth.TokenValidator;
import com.shopbff.router.pipeline.GraphQLRequest;
import com.shopbff.router.pipeline.OperationPipeline;
import com.shopbff.router.pipeline.Preparation;
import com.shopbff.router.pipeline.Prepared;
import com.shopbff.router.pipeline.Rejected;
import com.shopbff.router.json.Json;
import com.shopbff.router.plan.PlanNode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.shopbff.router.subscription.UpstreamConnection.om;

/**
 * graphql-transport-ws server on {@code /graphql}: {@code connection_init} (its payload's {@code Authorization}
 * is validated and becomes the caller identity towards subgraphs), ping/pong, subscribe/complete; queries and
 * mutations sent as {@code subscribe} run once. Subscriptions go to the event loop's {@link SubscriptionHub}.
 * Keep-alive: a WebSocket ping frame every {@link SubscriptionSettings#keepAlive()} (browsers answer them
 * themselves). A client whose unsent messages pass {@link SubscriptionSettings#clientSendBufferBytes()} is closed
 * with {@link SubscriptionCodes#SLOW_CONSUMER}. Each {@code subscribe} message passes the connection's
 * {@link Admission} (the edge's per-client rate limit): a refused one gets an {@code error} message for its id and the
 * connection stays open.
 */
public final class WebSocketTransport implements Handler<ServerWebSocket> {
    /**
     * Decides on each operation a client sends over an open connection (a {@code subscribe} message), given the
     * connection's verified claims (empty when anonymous): null to admit it, or the refusal to send for its id.
     */
    @FunctionalInterface
    public interface Admission {
        Admission ALL = claims -> null;

        Rejected admit(Map<String, Object> claims);
    }

    private final Subscriptions subscriptions;
    private final OperationPipeline pipeline;
    private final TokenValidator tokens;

    WebSocketTransport(Subscriptions subscriptions, OperationPipeline pipeline, TokenValidator tokens) {
        this.subscriptions = subscriptions;
        this.pipeline = pipeline;
        this.tokens = tokens;
    }

    @Override
    public void handle(ServerWebSocket ws) {
        handle(ws, null);
    }

    /** Serves a WebSocket; {@code onClose} (may be null) runs once when it is closed, however (rate limits count it). */
    public void handle(ServerWebSocket ws, Runnable onClose) {
        handle(ws, onClose, Admission.ALL);
    }

    /** As {@link #handle(ServerWebSocket, Runnable)}, with every operation the client sends passing {@code admission}. */
    public void handle(ServerWebSocket ws, Runnable onClose, Admission admission) {
        if (!"graphql-transport-ws".equals(ws.subProtocol())) {
            ws.close((short) 4406, "Subprotocol not acceptable");
            if (onClose != null) onClose.run();
            return;
        }
        if (subscriptions.shuttingDown()) {
            ws.close(SubscriptionCodes.SERVICE_RESTART, "Router shutting down: reconnect");
            if (onClose != null) onClose.run();
            return;
        }
        new Connection(ws, subscriptions.hub(), onClose, admission == null ? Admission.ALL : admission).start();
    }

    private final class Connection implements ClientSink {
        final ServerWebSocket ws;
        final SubscriptionHub hub;
        boolean acked;
        boolean initReceived;
        /** Closed for being slow: nothing more is written (the close frame waits behind what the client did not read). */
        boolean closing;
        Map<String, Object> initPayload = Map.of();
        /** The verified token's claims (empty when anonymous or when the router validates no tokens). */
        Map<String, Object> claims = Map.of();
        /** Operations in flight by client id: a subscription handle, or {@code Boolean.TRUE} for a query/mutation. */
        final Map<String, Object> operations = new HashMap<>();
        long initTimer;

        final Runnable onClose;
        final Admission admission;

        Connection(ServerWebSocket ws, SubscriptionHub hub, Runnable onClose, Admission admission) {
            this.ws = ws;
            this.hub = hub;
            this.onClose = onClose;
            this.admission = admission;
        }

        void start() {
            hub.metrics.webSocketOpened(1);
            hub.register(this);
            ws.setWriteQueueMaxSize(hub.settings.clientSendBufferBytes());
            initTimer = ws.isClosed() ? -1 : io.vertx.core.Vertx.currentContext().owner().setTimer(10_000, id -> {
                if (!acked) ws.close((short) 4408, "Connection initialisation timeout");
            });
            ws.textMessageHandler(this::onMessage);
            // Vert.x drops a message over the size limit and reports it here: tell the client instead of going silent
            ws.exceptionHandler(t -> {
                if (String.valueOf(t.getMessage()).contains("size") && !ws.isClosed()) ws.close((short) 1009, "Message too big");
            });
            ws.closeHandler(v -> {
                io.vertx.core.Vertx.currentContext().owner().cancelTimer(initTimer);
                hub.unregister(this);
                hub.metrics.webSocketOpened(-1);
                for (Object o : operations.values()) {
                    if (o instanceof SubscriptionHub.Subscription s) s.cancel();
                }
                operations.clear();
                if (onClose != null) onClose.run();
            });
        }

        /** Writes unless the client is not reading: past the buffer bound the connection is closed instead. */
        private io.vertx.core.Future<Void> write(String text) {
            if (closing || ws.isClosed()) return null;
            if (ws.writeQueueFull()) {
                closing = true;
                hub.metrics.slowClientClosed();
                ws.close(SubscriptionCodes.SLOW_CONSUMER, "Slow consumer: more than "
                        + hub.settings.clientSendBufferBytes() + " bytes unsent");
                return null;
            }
            return ws.writeTextMessage(text);
        }

        void send(Map<String, Object> msg) {
            write(Json.writeString(msg));
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
                    String auth = authorization();
                    if (tokens != null && auth != null) {
                        // the JWKS may have to be fetched: off the event loop
                        io.vertx.core.Vertx.currentContext().owner().executeBlocking(() -> tokens.verify(auth), false)
                                .onComplete(ar -> {
                                    if (ar.succeeded() && ar.result() instanceof TokenValidator.Accepted a) {
                                        claims = a.claims();
                                        ack();
                                    } else {
                                        ws.close((short) 4403, "Forbidden");
                                    }
                                });
                        return;
                    }
                    ack();
                }
                case "ping" -> send(om("type", "pong"));
                case "pong" -> { }
                case "subscribe" -> {
                    if (!acked) {
                        ws.close((short) 4401, "Unauthorized");
                        return;
                    }
                    if (!(msg.get("id") instanceof String id) || id.isEmpty() || !(msg.get("payload") instanceof Map<?, ?> p)) {
                        ws.close((short) 4400, "Invalid message: subscribe needs a string id and an object payload");
                        return;
                    }
                    if (operations.containsKey(id)) {
                        ws.close((short) 4409, "Subscriber for " + id + " already exists");
                        return;
                    }
                    Rejected refused = admission.admit(claims);
                    if (refused != null) {
                        send(om("type", "error", "id", id, "payload", List.copyOf(refused.errors())));
                        return;
                    }
                    operations.put(id, Boolean.TRUE);
                    subscribe(id, (Map<String, Object>) p);
                }
                case "complete" -> {
                    if (operations.remove(String.valueOf(msg.get("id"))) instanceof SubscriptionHub.Subscription s) s.cancel();
                }
                default -> ws.close((short) 4400, "Unknown message type");
            }
        }

        private void ack() {
            acked = true;
            io.vertx.core.Vertx.currentContext().owner().cancelTimer(initTimer);
            send(om("type", "connection_ack"));
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
            GraphQLRequest req = new GraphQLRequest(q instanceof String s ? s : null,
                    on instanceof String s && !s.isEmpty() ? s : null,
                    vars instanceof Map<?, ?> m ? (Map<String, Object>) m : null,
                    payload.get("extensions") instanceof Map<?, ?> x ? (Map<String, Object>) x : null,
                    payload.get("documentId") instanceof String d ? d : null, headers, false, claims);
            Preparation prepared;
            try {
                prepared = pipeline.prepare(req);
            } catch (RuntimeException e) {
                prepared = Rejected.transport(500, "Internal router error", "INTERNAL_SERVER_ERROR");
            }
            if (prepared instanceof Rejected r) {
                operations.remove(id);
                error(id, List.copyOf(r.errors()));
                return;
            }
            Prepared prep = (Prepared) prepared;
            if (!(prep.plan().root() instanceof PlanNode.Subscription plan)) {
                pipeline.execute(req).onComplete(ar -> {
                    if (operations.remove(id) == null) return; // completed by the client meanwhile
                    if (ar.failed()) {
                        error(id, List.of(UpstreamConnection.error("Internal router error.", "INTERNAL_SERVER_ERROR")));
                    } else if (ar.result().isRequestError()) {
                        error(id, List.copyOf(ar.result().errors()));
                    } else {
                        send(om("type", "next", "id", id, "payload", ar.result().body()));
                        send(om("type", "complete", "id", id));
                    }
                });
                return;
            }
            Map<String, Object> identity = new LinkedHashMap<>(initPayload);
            operations.put(id, hub.subscribe(this, id, prep, plan, identity));
        }

        // ---- ClientSink ----

        @Override
        public void next(String id, String payloadJson) {
            long queued = System.nanoTime();
            var written = write("{\"type\":\"next\",\"id\":" + Json.writeString(id) + ",\"payload\":" + payloadJson + "}");
            if (written != null && hub.metrics.timesHops()) {
                written.onSuccess(v -> hub.metrics.hop(SubscriptionMetrics.Hop.CLIENT_WRITE, System.nanoTime() - queued));
            }
        }

        @Override
        public void error(String id, List<Object> errors) {
            operations.remove(id);
            send(om("type", "error", "id", id, "payload", errors));
        }

        @Override
        public void complete(String id) {
            operations.remove(id);
            send(om("type", "complete", "id", id));
        }

        @Override
        public void keepAlive() {
            if (!ws.isClosed() && !ws.writeQueueFull()) ws.writePing(Buffer.buffer());
        }

        @Override
        public void shutdown() {
            end(SubscriptionCodes.SERVICE_RESTART, "Router shutting down: reconnect");
        }

        @Override
        public Map<String, Object> claims() {
            return claims;
        }

        @Override
        public void revoked() {
            end(SubscriptionCodes.SESSION_REVOKED, "Forbidden: session ended, sign in again");
        }

        private void end(short code, String reason) {
            for (Object o : operations.values()) {
                if (o instanceof SubscriptionHub.Subscription s) s.cancel();
            }
            operations.clear();
            if (!ws.isClosed()) ws.close(code, reason);
        }
    }
}
