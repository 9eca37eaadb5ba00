package com.shopbff.router.subscription;

import com.shopbff.router.auth.TokenValidator;
import com.shopbff.router.pipeline.GraphQLRequest;
import com.shopbff.router.pipeline.OperationPipeline;
import com.shopbff.router.pipeline.Preparation;
import com.shopbff.router.pipeline.Prepared;
import com.shopbff.router.pipeline.Rejected;
import com.shopbff.router.json.Json;
import com.shopbff.router.plan.PlanNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GraphQL over Server-Sent Events, the graphql-sse protocol's "distinct connections" mode: {@code POST /graphql}
 * (JSON body) or {@code GET /graphql?query=…} with {@code Accept: text/event-stream}; the caller identity is the
 * {@code Authorization} header. One operation per HTTP response: {@code event: next} per result, then
 * {@code event: complete}. A request the router refuses before streaming (bad JSON, parse/validation errors, an
 * invalid token) gets an ordinary JSON error response with its status; errors after that arrive as a {@code next}
 * event carrying {@code errors}, followed by {@code complete}. A query or mutation from a client that accepts JSON as
 * well gets one plain JSON response. Keep-alive: a comment line every
 * {@link SubscriptionSettings#keepAlive()}. A client that does not read is disconnected once
 * {@link SubscriptionSettings#clientSendBufferBytes()} are queued for it.
 */
final class SseTransport {
    private static final String STREAM_ID = "sse";
    private final Subscriptions subscriptions;
    private final OperationPipeline pipeline;
    private final TokenValidator tokens;

    SseTransport(Subscriptions subscriptions, OperationPipeline pipeline, TokenValidator tokens) {
        this.subscriptions = subscriptions;
        this.pipeline = pipeline;
        this.tokens = tokens;
    }

    /** Whether the Accept header also takes a JSON response. */
    static boolean acceptsJson(String accept) {
        String a = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        return a.contains("application/json") || a.contains("application/graphql-response+json");
    }

    static boolean accepts(HttpServerRequest req) {
        String accept = req.getHeader("accept");
        if (accept == null || !accept.toLowerCase(Locale.ROOT).contains("text/event-stream")) return false;
        if (req.method() != HttpMethod.POST && req.method() != HttpMethod.GET) return false;
        if ("websocket".equalsIgnoreCase(req.getHeader("upgrade"))) return false;
        String path = req.path();
        return path.equals("/graphql") || path.equals("/graphql/");
    }

    void handle(HttpServerRequest req) {
        if (req.method() == HttpMethod.GET) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", req.getParam("query"));
            body.put("operationName", req.getParam("operationName"));
            body.put("documentId", req.getParam("documentId"));
            for (String param : new String[]{"variables", "extensions"}) {
                String json = req.getParam(param);
                if (json == null || json.isBlank()) continue;
                try {
                    body.put(param, Json.parse(json));
                } catch (RuntimeException | StackOverflowError e) {
                    reject(req, 400, "Invalid JSON in the '" + param + "' parameter.", "BAD_REQUEST");
                    return;
                }
            }
            authenticate(req, body);
            return;
        }
        long max = pipeline.limits().maxBodyBytes();
        Buffer acc = Buffer.buffer();
        boolean[] over = {false};
        req.handler(chunk -> {
            if (over[0]) return;
            if (max > 0 && (long) acc.length() + chunk.length() > max) {
                over[0] = true;
                req.response().putHeader("connection", "close");
                reject(req, 413, "Request body too large; the limit is " + max + " bytes.", "PAYLOAD_TOO_LARGE");
                return;
            }
            acc.appendBuffer(chunk);
        });
        req.exceptionHandler(t -> { });
        req.endHandler(v -> {
            if (over[0]) return;
            Object parsed;
            try {
                parsed = Json.parse(acc);
            } catch (RuntimeException | StackOverflowError e) {
                reject(req, 400, "Invalid JSON body.", "BAD_REQUEST");
                return;
            }
            if (!(parsed instanceof Map<?, ?> m)) {
                reject(req, 400, "The request body must be a JSON object.", "BAD_REQUEST");
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) m;
            authenticate(req, body);
        });
    }

    private void authenticate(HttpServerRequest req, Map<String, Object> body) {
        String auth = req.getHeader("authorization");
        if (tokens == null || auth == null) {
            start(req, body, Map.of());
            return;
        }
        Vertx.currentContext().owner().executeBlocking(() -> tokens.verify(auth), false).onComplete(ar -> {
            if (ar.succeeded() && ar.result() instanceof TokenValidator.Accepted a) start(req, body, a.claims());
            else reject(req, 401, ar.succeeded() && ar.result() instanceof TokenValidator.Refused rf ? rf.problem()
                    : "Token validation failed.", "UNAUTHENTICATED");
        });
    }

    @SuppressWarnings("unchecked")
    private void start(HttpServerRequest req, Map<String, Object> body, Map<String, Object> claims) {
        // A persisted operation (trusted document by documentId, or APQ hash) comes without its text: the pipeline's
        // document resolver finds it, as for queries over HTTP.
        Object query = body.get("query");
        Object documentId = body.get("documentId");
        boolean persisted = documentId != null
                || body.get("extensions") instanceof Map<?, ?> x && x.get("persistedQuery") != null;
        if (query == null ? !persisted : !(query instanceof String)) {
            reject(req, 400, query == null ? "Must provide query string." : "The 'query' must be a string.", "BAD_REQUEST");
            return;
        }
        if (documentId != null && !(documentId instanceof String)) {
            reject(req, 400, "The 'documentId' must be a string.", "BAD_REQUEST");
            return;
        }
        Object on = body.get("operationName");
        Object vars = body.get("variables");
        if (vars != null && !(vars instanceof Map)) {
            reject(req, 400, "The 'variables' must be a JSON object.", "BAD_REQUEST");
            return;
        }
        Map<String, String> headers = new HashMap<>(2);
        String auth = req.getHeader("authorization");
        if (auth != null) headers.put("authorization", auth);
        GraphQLRequest r = new GraphQLRequest((String) query, on instanceof String s && !s.isEmpty() ? s : null,
                (Map<String, Object>) vars, body.get("extensions") instanceof Map<?, ?> x ? (Map<String, Object>) x : null,
                (String) documentId, headers, false, claims);
        Preparation prepared;
        try {
            prepared = pipeline.prepare(r);
        } catch (RuntimeException e) {
            prepared = Rejected.transport(500, "Internal router error", "INTERNAL_SERVER_ERROR");
        }
        if (prepared instanceof Rejected rejected) {
            send(req, rejected.status() == 0 || rejected.status() == 200 ? 400 : rejected.status(),
                    Map.of("errors", rejected.errors()));
            return;
        }
        Prepared prep = (Prepared) prepared;
        if (subscriptions.shuttingDown()) {
            reject(req, 503, "The router is shutting down; retry.", SubscriptionCodes.ROUTER_SHUTTING_DOWN);
            return;
        }
        if (!(prep.plan().root() instanceof PlanNode.Subscription) && acceptsJson(req.getHeader("accept"))) {
            // a query or mutation from a client that takes JSON too (urql offers both): one plain JSON response
            boolean gqlResponse = req.getHeader("accept").toLowerCase(Locale.ROOT).contains("application/graphql-response+json");
            pipeline.execute(r).onComplete(ar -> {
                if (ar.succeeded() && ar.result().body() != null) {
                    HttpServerResponse resp = req.response();
                    if (resp.ended() || resp.closed()) return;
                    resp.setStatusCode(ar.result().httpStatus(gqlResponse)).putHeader("content-type", (gqlResponse
                            ? "application/graphql-response+json" : "application/json") + "; charset=utf-8")
                            .end(Json.writeBuffer(ar.result().body()));
                } else {
                    reject(req, 500, "Internal router error.", "INTERNAL_SERVER_ERROR");
                }
            });
            return;
        }
        Stream stream = new Stream(req.response(), subscriptions.hub(), claims);
        if (!(prep.plan().root() instanceof PlanNode.Subscription plan)) {
            pipeline.execute(r).onComplete(ar -> {
                stream.next(STREAM_ID, ar.succeeded() ? Json.writeString(ar.result().body())
                        : Json.writeString(Map.of("errors", List.of(UpstreamConnection.error("Internal router error.",
                        "INTERNAL_SERVER_ERROR")))));
                stream.complete(STREAM_ID);
            });
            return;
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        if (auth != null) identity.put("Authorization", auth);
        stream.subscription = stream.hub.subscribe(stream, STREAM_ID, prep, plan, identity);
    }

    private static void reject(HttpServerRequest req, int status, String message, String code) {
        send(req, status, Map.of("errors", List.of(UpstreamConnection.error(message, code))));
    }

    private static void send(HttpServerRequest req, int status, Map<String, Object> body) {
        HttpServerResponse resp = req.response();
        if (resp.ended() || resp.closed()) return;
        resp.setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(Json.writeBuffer(body));
    }

    /** One open event stream: one operation. */
    private static final class Stream implements ClientSink {
        final HttpServerResponse resp;
        final SubscriptionHub hub;
        /** The verified token's claims (empty when anonymous). */
        final Map<String, Object> claims;
        SubscriptionHub.Subscription subscription;
        boolean ended;

        Stream(HttpServerResponse resp, SubscriptionHub hub, Map<String, Object> claims) {
            this.resp = resp;
            this.hub = hub;
            this.claims = claims == null ? Map.of() : claims;
            resp.setStatusCode(200).setChunked(true)
                    .putHeader("content-type", "text/event-stream; charset=utf-8")
                    .putHeader("cache-control", "no-cache")
                    .putHeader("x-accel-buffering", "no");
            resp.setWriteQueueMaxSize(hub.settings.clientSendBufferBytes());
            resp.closeHandler(v -> finish());
            hub.metrics.sseOpened(1);
            hub.register(this);
            resp.write(":\n\n"); // headers out now: the client knows the stream is open
        }

        private void finish() {
            if (ended) return;
            ended = true;
            hub.unregister(this);
            hub.metrics.sseOpened(-1);
            if (subscription != null) subscription.cancel();
        }

        private void write(String text) {
            if (ended || resp.ended() || resp.closed()) return;
            if (resp.writeQueueFull()) {
                hub.metrics.slowClientClosed();
                finish();
                resp.reset(); // SSE has no close code: the stream ends without "complete"
                return;
            }
            resp.write(text);
        }

        private void end(String text) {
            if (ended || resp.ended() || resp.closed()) return;
            resp.end(text);
            finish();
        }

        @Override
        public void next(String id, String payloadJson) {
            write("event: next\ndata: " + payloadJson + "\n\n");
        }

        @Override
        public void error(String id, List<Object> errors) {
            write("event: next\ndata: " + Json.writeString(Map.of("errors", errors)) + "\n\n");
            end("event: complete\ndata:\n\n");
        }

        @Override
        public void complete(String id) {
            end("event: complete\ndata:\n\n");
        }

        @Override
        public void keepAlive() {
            if (!ended && !resp.writeQueueFull()) resp.write(":\n\n");
        }

        @Override
        public void shutdown() {
            if (subscription != null) subscription.cancel();
            error(STREAM_ID, List.of(UpstreamConnection.error("The router is shutting down: reconnect and subscribe again.",
                    SubscriptionCodes.ROUTER_SHUTTING_DOWN)));
        }

        @Override
        public Map<String, Object> claims() {
            return claims;
        }

        @Override
        public void revoked() {
            if (subscription != null) subscription.cancel();
            error(STREAM_ID, List.of(UpstreamConnection.error(TokenValidator.SESSION_ENDED, SubscriptionCodes.UNAUTHENTICATED)));
        }
    }
}
