package com.shopbff.router.http;

import com.shopbff.router.auth.TokenValidator;
import com.shopbff.router.edge.BatchingConfig;
import com.shopbff.router.edge.Edge;
import com.shopbff.router.edge.EdgeConfig;
import com.shopbff.router.edge.cache.CacheControl;
import com.shopbff.router.edge.compression.RequestBodyDecoder;
import com.shopbff.router.edge.cors.CorsPolicy;
import com.shopbff.router.edge.ratelimit.RateLimiter;
import com.shopbff.router.pipeline.Prepared;
import com.shopbff.router.subscription.Subscriptions;
import com.shopbff.router.subscription.WebSocketTransport;
import com.shopbff.router.json.Json;
import com.shopbff.router.pipeline.GraphQLRequest;
import com.shopbff.router.pipeline.GraphQLResponse;
import com.shopbff.router.pipeline.OperationPipeline;
import com.shopbff.router.pipeline.Rejected;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

import java.util.*;

/**
 * HTTP surface: {@code POST/GET /graphql} per GraphQL-over-HTTP, {@code /health}, {@code /graphiql}; WebSocket
 * upgrades on {@code /graphql} go to the subscription handler.
 */
public final class HttpFrontend implements Handler<HttpServerRequest> {
    /** After refusing an oversized body, at most this many times the limit is drained before the connection closes. */
    private static final int DRAIN_FACTOR = 8;
    private final OperationPipeline pipeline;
    private final TokenValidator tokens;
    private final Handler<ServerWebSocket> webSockets;
    private final Edge edge;
    private final Subscriptions eventStreams;
    /** Inbound request deduplication, or null when off (the default). */
    private final InboundDeduplication dedup;

    private volatile java.util.function.Supplier<Map<String, Object>> healthDetails;

    /** Entries added to {@code GET /health} beside {@code status} (e.g. the subscription counts). */
    public HttpFrontend withHealthDetails(java.util.function.Supplier<Map<String, Object>> details) {
        this.healthDetails = details;
        return this;
    }

    public HttpFrontend(OperationPipeline pipeline, TokenValidator tokens, Handler<ServerWebSocket> webSockets) {
        this(pipeline, tokens, webSockets, Edge.create(EdgeConfig.DEFAULTS, pipeline.supergraph()), null);
    }

    /**
     * @param webSockets   graphql-transport-ws upgrades on the GraphQL path (null: none)
     * @param edge         CORS, rate limits, explorer, request decoding, cache headers
     * @param eventStreams graphql-sse requests ({@code Accept: text/event-stream}; null: none)
     */
    public HttpFrontend(OperationPipeline pipeline, TokenValidator tokens, Handler<ServerWebSocket> webSockets, Edge edge,
                        Subscriptions eventStreams) {
        this.pipeline = pipeline;
        this.tokens = tokens;
        this.webSockets = webSockets;
        this.edge = edge;
        this.eventStreams = eventStreams;
        this.dedup = InboundDeduplication.enabled() ? new InboundDeduplication() : null;
    }

    @Override
    public void handle(HttpServerRequest req) {
        String path = req.path();
        if (path.equals("/health") || path.equals("/health/ready") || path.equals("/health/live")) {
            java.util.function.Supplier<Map<String, Object>> details = healthDetails;
            if (details == null || !path.equals("/health")) {
                req.response().putHeader("content-type", "application/json").end("{\"status\":\"UP\"}");
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "UP");
                body.putAll(details.get());
                req.response().putHeader("content-type", "application/json").end(Json.writeBuffer(body));
            }
            return;
        }
        String origin = req.getHeader("origin");
        if (origin != null && edge.cors().enabled()) {
            if (CorsPolicy.isPreflight(req.method().name(), origin, req.getHeader("access-control-request-method"))) {
                preflight(req, origin);
                return;
            }
            for (CorsPolicy.Header h : edge.cors().responseHeaders(origin)) req.response().headers().add(h.name(), h.value());
        }
        if (edge.explorer().handle(req)) return;
        boolean graphqlPath = path.equals("/graphql") || path.equals("/graphql/") || path.equals("/");
        boolean gqlResponse = acceptsGraphQLResponse(req.getHeader("accept"));
        if (!graphqlPath) {
            send(req, gqlResponse, refused(404, "Not found.", "NOT_FOUND"));
            return;
        }
        RateLimiter.Decision global = edge.rateLimiter().acquireGlobal(1);
        if (!global.allowed()) {
            send(req, gqlResponse, GraphQLResponse.of(Edge.tooManyRequests(global)));
            return;
        }
        if (webSockets != null && "websocket".equalsIgnoreCase(req.getHeader("upgrade"))) {
            upgrade(req, gqlResponse);
            return;
        }
        if (eventStreams != null && eventStreams.isEventStream(req)) {
            eventStream(req, gqlResponse);
            return;
        }
        if (req.method() == HttpMethod.GET) {
            Map<String, Object> body = new LinkedHashMap<>();
            MultiMap params = req.params();
            body.put("query", params.get("query"));
            body.put("operationName", params.get("operationName"));
            if (params.get("documentId") != null) body.put("documentId", params.get("documentId"));
            try {
                if (params.get("variables") != null && !params.get("variables").isBlank()) {
                    body.put("variables", Json.parse(params.get("variables")));
                }
                if (params.get("extensions") != null && !params.get("extensions").isBlank()) {
                    body.put("extensions", Json.parse(params.get("extensions")));
                }
            } catch (RuntimeException | StackOverflowError e) {
                send(req, gqlResponse, refused(400, "Invalid JSON in query parameters: "
                        + jsonProblem(e), "BAD_REQUEST"));
                return;
            }
            GraphQLRequest request = request(req, body, true, gqlResponse);
            if (request != null) authenticate(req, gqlResponse, request.headers(), claims -> admit(req, gqlResponse,
                    claims, 1, () -> run(req, withClaims(request, claims), gqlResponse)));
            return;
        }
        if (req.method() != HttpMethod.POST) {
            req.response().putHeader("allow", "GET, POST");
            send(req, gqlResponse, refused(405, "Method not allowed; use POST or GET.",
                    "METHOD_NOT_ALLOWED"));
            return;
        }
        String ct = req.getHeader("content-type");
        if (ct == null || !(ct.toLowerCase(Locale.ROOT).startsWith("application/json")
                || ct.toLowerCase(Locale.ROOT).startsWith("application/graphql-response+json"))) {
            send(req, gqlResponse, refused(415,
                    "Unsupported content type " + (ct == null ? "(none)" : "'" + ct + "'") + "; send application/json.",
                    "BAD_REQUEST"));
            return;
        }
        String encoding = req.getHeader("content-encoding");
        if (!RequestBodyDecoder.identity(encoding) && !edge.config().compression().requestBodies()) {
            send(req, gqlResponse, refused(415, "Compressed request bodies are not accepted; send the body as is.",
                    "UNSUPPORTED_CONTENT_ENCODING"));
            return;
        }
        readBody(req, gqlResponse, buf -> {
            byte[] bytes = buf.getBytes();
            if (!RequestBodyDecoder.identity(encoding)) {
                switch (RequestBodyDecoder.decode(encoding, bytes, pipeline.limits().maxBodyBytes())) {
                    case RequestBodyDecoder.Decoded d -> bytes = d.bytes();
                    case RequestBodyDecoder.TooLarge t -> {
                        send(req, gqlResponse, refused(413, "Request body too large after decompression; the limit is "
                                + t.limit() + " bytes.", "PAYLOAD_TOO_LARGE"));
                        return;
                    }
                    case RequestBodyDecoder.Unsupported u -> {
                        send(req, gqlResponse, refused(415, "Unsupported Content-Encoding '" + u.coding()
                                + "'; send gzip, deflate or identity (one coding).", "UNSUPPORTED_CONTENT_ENCODING"));
                        return;
                    }
                    case RequestBodyDecoder.Malformed m -> {
                        send(req, gqlResponse, refused(400, "Cannot decompress the request body: " + m.problem() + ".",
                                "BAD_REQUEST"));
                        return;
                    }
                }
            }
            InboundDeduplication.Key key = null;
            if (dedup != null && !acceptsMultipart(req.getHeader("accept"))) {
                key = new InboundDeduplication.Key(bytes, forwardHeaders(req));
                InboundDeduplication.Following following = dedup.follow(key);
                if (following != null) {
                    if (following.clientKey() != null) {
                        RateLimiter.Decision d = edge.rateLimiter().acquireClient(following.clientKey(), 1);
                        if (!d.allowed()) {
                            send(req, gqlResponse, GraphQLResponse.of(Edge.tooManyRequests(d)));
                            return;
                        }
                    }
                    pipeline.observer().requestDeduplicated();
                    following.response().onComplete(ar -> {
                        if (ar.succeeded()) send(req, gqlResponse, InboundDeduplication.viewFor(ar.result()));
                        else send(req, gqlResponse, internalError());
                    });
                    return;
                }
            }
            InboundDeduplication.Key dedupKey = key;
            Object parsed;
            try {
                parsed = Json.parse(bytes);
            } catch (RuntimeException | StackOverflowError e) {
                send(req, gqlResponse, refused(400, "Invalid JSON body: " + jsonProblem(e),
                        "BAD_REQUEST"));
                return;
            }
            if (parsed instanceof List<?> batch) {
                batch(req, batch, gqlResponse);
                return;
            }
            if (!(parsed instanceof Map<?, ?> m)) {
                send(req, gqlResponse, refused(400,
                        "The request body must be a JSON object.", "BAD_REQUEST"));
                return;
            }
            @SuppressWarnings("unchecked")
            GraphQLRequest request = request(req, (Map<String, Object>) m, false, gqlResponse);
            if (request != null) authenticate(req, gqlResponse, request.headers(), claims -> admit(req, gqlResponse,
                    claims, 1, () -> run(req, withClaims(request, claims), gqlResponse, dedupKey)));
        });
    }

    /** Answers a CORS preflight; a refused one gets no CORS headers, and nothing else happens. */
    private void preflight(HttpServerRequest req, String origin) {
        CorsPolicy.Preflight p = edge.cors().preflight(origin, req.getHeader("access-control-request-method"),
                req.getHeader("access-control-request-headers"));
        if (!p.allowed()) {
            send(req, acceptsGraphQLResponse(req.getHeader("accept")), refused(403, p.refusal(), "CORS_REJECTED"));
            return;
        }
        for (CorsPolicy.Header h : p.headers()) req.response().headers().add(h.name(), h.value());
        req.response().setStatusCode(204).end();
    }

    /**
     * A WebSocket upgrade: counted as a request and as an open connection of its client (by address: the token
     * arrives later, in connection_init); refused with 429 before the upgrade when over a limit.
     */
    private void upgrade(HttpServerRequest req, boolean gqlResponse) {
        RateLimiter limiter = edge.rateLimiter();
        String key = limiter.keys().key(null, peer(req), req.getHeader("x-forwarded-for"));
        RateLimiter.Decision d = limiter.acquireClient(key, 1);
        if (!d.allowed()) {
            send(req, gqlResponse, GraphQLResponse.of(Edge.tooManyRequests(d)));
            return;
        }
        RateLimiter.Lease lease = limiter.openConnection(key);
        if (lease == null) {
            send(req, gqlResponse, GraphQLResponse.of(Edge.tooManyConnections(limiter.config().maxConnectionsPerClient())));
            return;
        }
        req.toWebSocket().onSuccess(ws -> {
            if (webSockets instanceof WebSocketTransport t) t.handle(ws, lease::close, operationAdmission(req));
            else {
                ws.endHandler(v -> lease.close()); // a close frame; an abrupt drop is only seen by closeHandler
                webSockets.handle(ws);
            }
        }).onFailure(t -> {
            lease.close();
            if (!req.response().ended()) req.response().setStatusCode(400).end();
        });
    }

    /** A graphql-sse stream: counted like a WebSocket (a request, and an open connection of its client). */
    private void eventStream(HttpServerRequest req, boolean gqlResponse) {
        RateLimiter limiter = edge.rateLimiter();
        String key = limiter.keys().key(null, peer(req), req.getHeader("x-forwarded-for"));
        RateLimiter.Decision d = limiter.acquireClient(key, 1);
        if (!d.allowed()) {
            send(req, gqlResponse, GraphQLResponse.of(Edge.tooManyRequests(d)));
            return;
        }
        RateLimiter.Lease lease = limiter.openConnection(key);
        if (lease == null) {
            send(req, gqlResponse, GraphQLResponse.of(Edge.tooManyConnections(limiter.config().maxConnectionsPerClient())));
            return;
        }
        req.response().endHandler(v -> lease.close()); // the stream completed
        req.connection().closeHandler(v -> lease.close()); // the client went away
        eventStreams.handleEventStream(req);
    }

    /** A JSON array of operations: each answered in its place, in one response. */
    @SuppressWarnings("unchecked")
    private void batch(HttpServerRequest req, List<?> batch, boolean gqlResponse) {
        BatchingConfig b = edge.config().batching();
        if (!b.enabled()) {
            send(req, gqlResponse, refused(400, "Batched requests (a JSON array body) "
                    + "are not supported; send one operation per request.", "BATCHING_NOT_SUPPORTED"));
            return;
        }
        if (batch.isEmpty()) {
            send(req, gqlResponse, refused(400, "The batch is empty.", "BAD_REQUEST"));
            return;
        }
        if (batch.size() > b.maxSize()) {
            send(req, gqlResponse, refused(400, "The batch has " + batch.size() + " operations; the limit is "
                    + b.maxSize() + ".", "BATCH_TOO_LARGE"));
            return;
        }
        Map<String, String> headers = forwardHeaders(req);
        authenticate(req, gqlResponse, headers, claims -> admit(req, gqlResponse, claims, batch.size(), () -> {
            List<Future<GraphQLResponse>> answers = new ArrayList<>(batch.size());
            for (Object item : batch) {
                Object problem = null;
                GraphQLRequest r = null;
                if (!(item instanceof Map<?, ?> m)) problem = "Each operation of a batch must be a JSON object.";
                else {
                    Object p = parseRequest((Map<String, Object>) m, false, headers);
                    if (p instanceof String s) problem = s;
                    else r = withClaims((GraphQLRequest) p, claims);
                }
                answers.add(problem != null ? Future.succeededFuture(refused(400, (String) problem, "BAD_REQUEST"))
                        : pipeline.execute(r, false).otherwise(t -> internalError()));
            }
            Future.all(answers).onComplete(ar -> {
                List<Object> out = new ArrayList<>(answers.size());
                for (Future<GraphQLResponse> f : answers) {
                    GraphQLResponse r = f.result();
                    out.add(r.body() != null ? r.body() : Json.parse(r.encoded()));
                }
                HttpServerResponse resp = req.response();
                if (resp.ended() || resp.closed()) return;
                resp.setStatusCode(200).putHeader("content-type", gqlResponse
                        ? "application/graphql-response+json; charset=utf-8" : "application/json; charset=utf-8");
                resp.end(Json.writeBuffer(out));
            });
        }));
    }

    /** The request of a body or GET parameters, or null after answering the client's mistake. */
    private GraphQLRequest request(HttpServerRequest req, Map<String, Object> body, boolean get, boolean gqlResponse) {
        Object r = parseRequest(body, get, forwardHeaders(req));
        if (r instanceof String problem) {
            send(req, gqlResponse, refused(400, problem, "BAD_REQUEST"));
            return null;
        }
        return (GraphQLRequest) r;
    }

    /** A {@link GraphQLRequest}, or the problem with the body's shape. */
    @SuppressWarnings("unchecked")
    private static Object parseRequest(Map<String, Object> body, boolean get, Map<String, String> headers) {
        Object q = body.get("query");
        Object on = body.get("operationName");
        Object vars = body.get("variables");
        Object ext = body.get("extensions");
        Object docId = body.containsKey("documentId") ? body.get("documentId") : body.get("id");
        if (ext != null && !(ext instanceof Map)) return "The 'extensions' must be a JSON object.";
        if (q != null && !(q instanceof String)) return "The 'query' must be a string.";
        if (docId != null && !(docId instanceof String)) return "The 'documentId' must be a string.";
        if (on != null && !(on instanceof String)) return "The 'operationName' must be a string.";
        if (vars != null && !(vars instanceof Map)) return "The 'variables' must be a JSON object.";
        String opName = on == null || ((String) on).isEmpty() ? null : (String) on; // "" means none, as GET forms send it
        return new GraphQLRequest((String) q, opName, (Map<String, Object>) vars, (Map<String, Object>) ext,
                (String) docId, headers, get, null);
    }

    private static GraphQLRequest withClaims(GraphQLRequest r, Map<String, Object> claims) {
        if (claims.isEmpty()) return r;
        return new GraphQLRequest(r.query(), r.operationName(), r.variables(), r.extensions(), r.documentId(),
                r.headers(), r.get(), claims);
    }

    /** Verifies the bearer token (off the event loop: it may fetch the JWKS), then continues with its claims. */
    private void authenticate(HttpServerRequest req, boolean gqlResponse, Map<String, String> headers,
                              java.util.function.Consumer<Map<String, Object>> then) {
        String auth = req.getHeader("authorization");
        if (tokens == null || auth == null) {
            then.accept(Map.of());
            return;
        }
        io.vertx.core.Vertx.currentContext().owner().executeBlocking(() -> tokens.verify(auth), false)
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result() instanceof TokenValidator.Accepted a) {
                        then.accept(a.claims());
                    } else {
                        String problem = ar.succeeded() && ar.result() instanceof TokenValidator.Refused r
                                ? r.problem() : "Token validation failed.";
                        send(req, gqlResponse, refused(401, problem, "UNAUTHENTICATED"));
                    }
                });
    }

    /** The client's rate limit: {@code n} requests for the key of these claims (or the client's address). */
    private void admit(HttpServerRequest req, boolean gqlResponse, Map<String, Object> claims, int n, Runnable then) {
        String key = clientKey(req, claims);
        if (key != null) {
            RateLimiter.Decision d = edge.rateLimiter().acquireClient(key, n);
            if (!d.allowed()) {
                send(req, gqlResponse, GraphQLResponse.of(Edge.tooManyRequests(d)));
                return;
            }
        }
        then.run();
    }

    /**
     * Operations sent over an open WebSocket count against the per-client rate limit like requests: one each, from
     * the bucket of the connection's subject (after {@code connection_init}) or else its address.
     */
    private WebSocketTransport.Admission operationAdmission(HttpServerRequest req) {
        RateLimiter limiter = edge.rateLimiter();
        if (limiter.config().perClientRate() <= 0) return WebSocketTransport.Admission.ALL;
        String peer = peer(req);
        String forwardedFor = req.getHeader("x-forwarded-for");
        return claims -> {
            Object sub = claims.get("sub");
            RateLimiter.Decision d = limiter.acquireClient(
                    limiter.keys().key(sub instanceof String s ? s : null, peer, forwardedFor), 1);
            return d.allowed() ? null : Edge.tooManyRequests(d);
        };
    }

    /** The key of the client's rate-limit bucket (its subject, else its address), or null without a per-client limit. */
    private String clientKey(HttpServerRequest req, Map<String, Object> claims) {
        RateLimiter limiter = edge.rateLimiter();
        if (limiter.config().perClientRate() <= 0) return null;
        Object sub = claims.get("sub");
        return limiter.keys().key(sub instanceof String s ? s : null, peer(req), req.getHeader("x-forwarded-for"));
    }

    private static String peer(HttpServerRequest req) {
        return req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
    }

    private void run(HttpServerRequest req, GraphQLRequest request, boolean gqlResponse) {
        run(req, request, gqlResponse, null);
    }

    private void run(HttpServerRequest req, GraphQLRequest request, boolean gqlResponse, InboundDeduplication.Key dedupKey) {
        boolean multipart = acceptsMultipart(req.getHeader("accept"));
        OperationPipeline.Started started = pipeline.start(request);
        Future<GraphQLResponse> response = pipeline.respond(started, true, multipart);
        if (dedupKey != null && !multipart && started.shareable()) dedup.lead(dedupKey, response, clientKey(req, request.claims()));
        CacheControl cc = request.get() ? edge.cacheControl() : null;
        response.onComplete(ar -> {
            GraphQLResponse r = ar.succeeded() ? ar.result() : internalError();
            if (cc != null && started.preparation() instanceof Prepared prepared && !r.isRequestError()) {
                String h = cc.header(prepared.plan().operation(), !request.claims().isEmpty(), !r.errors().isEmpty());
                if (h != null) req.response().putHeader("cache-control", h);
            }
            if (r.incremental() != null) sendIncremental(req, r);
            else send(req, gqlResponse, r);
        });
    }

    private static GraphQLResponse internalError() {
        return GraphQLResponse.of(Map.of("errors", List.of(Map.of(
                "message", "Internal router error.", "extensions", Map.of("code", "INTERNAL_SERVER_ERROR")))));
    }

    /** Whether the client takes incremental delivery ({@code multipart/mixed}, as Apollo Client and urql send). */
    static boolean acceptsMultipart(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("multipart/mixed");
    }

    private static final String PART = "\r\n--graphql\r\ncontent-type: application/json; charset=utf-8\r\n\r\n";

    /**
     * An incremental response as {@code multipart/mixed} (boundary {@code graphql}, deferSpec 2022-08-24, as Apollo
     * Router sends it): one part per payload, written as soon as it is ready, then the closing boundary.
     */
    private static void sendIncremental(HttpServerRequest req, GraphQLResponse r) {
        HttpServerResponse resp = req.response();
        if (resp.ended() || resp.closed()) return;
        resp.setStatusCode(200).setChunked(true)
                .putHeader("content-type", "multipart/mixed;boundary=\"graphql\";deferSpec=20220824")
                .putHeader("cache-control", "no-cache");
        resp.write(Buffer.buffer(PART).appendBuffer(Json.writeBuffer(r.body())));
        r.incremental().deliver(payload -> {
            if (!resp.closed()) resp.write(Buffer.buffer(PART).appendBuffer(Json.writeBuffer(payload)));
        }).onComplete(x -> {
            if (!resp.closed() && !resp.ended()) resp.end("\r\n--graphql--\r\n");
        });
    }

    private static GraphQLResponse refused(int status, String message, String code) {
        return GraphQLResponse.of(Rejected.transport(status, message, code));
    }

    /**
     * Reads the body up to the body-size limit; beyond it answers 413 at once (from {@code content-length} when
     * given) without buffering the rest, and closes the connection if the client keeps sending.
     */
    private void readBody(HttpServerRequest req, boolean gqlResponse, Handler<Buffer> then) {
        long max = pipeline.limits().maxBodyBytes();
        String cl = req.getHeader("content-length");
        if (max > 0 && cl != null) {
            try {
                if (Long.parseLong(cl.trim()) > max) {
                    tooLarge(req, gqlResponse, max);
                    drain(req, max);
                    return;
                }
            } catch (NumberFormatException e) {
                send(req, gqlResponse, refused(400, "Invalid Content-Length.", "BAD_REQUEST"));
                return;
            }
        }
        Buffer acc = Buffer.buffer();
        boolean[] over = {false};
        req.handler(chunk -> {
            if (over[0]) return;
            if (max > 0 && (long) acc.length() + chunk.length() > max) {
                over[0] = true;
                tooLarge(req, gqlResponse, max);
                drain(req, max);
                return;
            }
            acc.appendBuffer(chunk);
        });
        req.exceptionHandler(t -> {
            if (!over[0]) send(req, gqlResponse, refused(400, "Cannot read the request body.", "BAD_REQUEST"));
        });
        req.endHandler(v -> {
            if (!over[0]) then.handle(acc);
        });
    }

    private static void tooLarge(HttpServerRequest req, boolean gqlResponse, long max) {
        if (req.version() != io.vertx.core.http.HttpVersion.HTTP_2) req.response().putHeader("connection", "close");
        send(req, gqlResponse, refused(413, "Request body too large; the limit is " + max
                + " bytes.", "PAYLOAD_TOO_LARGE"));
    }

    /** Discards what the client still sends (so that it can read the 413), up to a bound, then closes. */
    private static void drain(HttpServerRequest req, long max) {
        long[] seen = {0};
        long bound = Math.max(max, 64 * 1024) * DRAIN_FACTOR;
        req.handler(chunk -> {
            seen[0] += chunk.length();
            if (seen[0] > bound) req.connection().close();
        });
        req.exceptionHandler(t -> { });
        req.endHandler(v -> { });
    }

    /** The JSON parser's complaint without its internals (Jackson names its own classes in some messages). */
    static String jsonProblem(Throwable e) {
        if (e instanceof StackOverflowError || e.getMessage() == null) return "nested too deeply or malformed.";
        return e.getMessage().replaceAll("\\s*\\([^()]*`[^()]*\\)", "").replaceAll("`[^`]*`", "");
    }

    /** Headers forwarded to subgraphs. */
    static Map<String, String> forwardHeaders(HttpServerRequest req) {
        Map<String, String> h = new HashMap<>(4);
        String auth = req.getHeader("authorization");
        if (auth != null) h.put("authorization", auth);
        String tp = req.getHeader("traceparent");
        if (tp != null) h.put("traceparent", tp);
        String ts = req.getHeader("tracestate");
        if (ts != null) h.put("tracestate", ts);
        String xff = req.getHeader("x-forwarded-for");
        String client = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        if (client != null) h.put("x-forwarded-for", xff == null || xff.isBlank() ? client : xff + ", " + client);
        else if (xff != null) h.put("x-forwarded-for", xff);
        return h;
    }

    static boolean acceptsGraphQLResponse(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/graphql-response+json");
    }

    private static void send(HttpServerRequest req, boolean gqlResponse, GraphQLResponse r) {
        HttpServerResponse resp = req.response();
        if (resp.ended() || resp.closed()) return;
        int status = r.httpStatus(gqlResponse);
        resp.setStatusCode(status);
        if (status == 429 && r.errors().get(0) instanceof Map<?, ?> e && e.get("extensions") instanceof Map<?, ?> x
                && x.get("retryAfter") != null) {
            resp.putHeader("retry-after", String.valueOf(x.get("retryAfter")));
        }
        resp.putHeader("content-type", gqlResponse ? "application/graphql-response+json; charset=utf-8"
                : "application/json; charset=utf-8");
        resp.end(r.encoded() != null ? r.encoded() : Json.writeBuffer(r.body()));
    }
}
