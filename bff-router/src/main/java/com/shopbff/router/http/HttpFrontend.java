package com.shopbff.router.http;

import com.shopbff.router.auth.TokenValidator;
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
    /** Inbound request deduplication, or null when off (the default). */
    private final InboundDeduplication dedup;

    private volatile java.util.function.Supplier<Map<String, Object>> healthDetails;

    /** Entries added to {@code GET /health} beside {@code status} (e.g. the subscription counts). */
    public HttpFrontend withHealthDetails(java.util.function.Supplier<Map<String, Object>> details) {
        this.healthDetails = details;
        return this;
    }

    public HttpFrontend(OperationPipeline pipeline, TokenValidator tokens, Handler<ServerWebSocket> webSockets) {
        this.pipeline = pipeline;
        this.tokens = tokens;
        this.webSockets = webSockets;
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
        if (path.equals("/graphiql") || path.equals("/graphiql/")) {
            req.response().putHeader("content-type", "text/html; charset=utf-8").end(GraphiQL.HTML);
            return;
        }
        if (!path.equals("/graphql") && !path.equals("/graphql/") && !path.equals("/")) {
            req.response().setStatusCode(404).putHeader("content-type", "application/json")
                    .end("{\"errors\":[{\"message\":\"Not found\",\"extensions\":{\"code\":\"NOT_FOUND\"}}]}");
            return;
        }
        if (webSockets != null && "websocket".equalsIgnoreCase(req.getHeader("upgrade"))) {
            req.toWebSocket().onSuccess(webSockets).onFailure(t -> {
                if (!req.response().ended()) req.response().setStatusCode(400).end();
            });
            return;
        }
        boolean gqlResponse = acceptsGraphQLResponse(req.getHeader("accept"));
        if (req.method() == HttpMethod.GET) {
            if (path.equals("/") && req.getParam("query") == null) {
                req.response().putHeader("content-type", "text/html; charset=utf-8").end(GraphiQL.HTML);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            MultiMap params = req.params();
            body.put("query", params.get("query"));
            body.put("operationName", params.get("operationName"));
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
            handleBody(req, body, true, gqlResponse, null);
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
        readBody(req, gqlResponse, buf -> {
            InboundDeduplication.Key key = null;
            if (dedup != null && !acceptsMultipart(req.getHeader("accept"))) {
                key = new InboundDeduplication.Key(buf.getBytes(), forwardHeaders(req));
                Future<GraphQLResponse> shared = dedup.follow(key);
                if (shared != null) {
                    pipeline.observer().requestDeduplicated();
                    shared.onComplete(ar -> {
                        if (ar.succeeded()) send(req, gqlResponse, InboundDeduplication.viewFor(ar.result()));
                        else send(req, gqlResponse, internalError());
                    });
                    return;
                }
            }
            InboundDeduplication.Key dedupKey = key;
            Object parsed;
            try {
                parsed = Json.parse(buf.getBytes());
            } catch (RuntimeException | StackOverflowError e) {
                send(req, gqlResponse, refused(400, "Invalid JSON body: " + jsonProblem(e),
                        "BAD_REQUEST"));
                return;
            }
            if (parsed instanceof List<?>) {
                send(req, gqlResponse, refused(400, "Batched requests (a JSON array body) "
                        + "are not supported; send one operation per request.", "BATCHING_NOT_SUPPORTED"));
                return;
            }
            if (!(parsed instanceof Map<?, ?> m)) {
                send(req, gqlResponse, refused(400,
                        "The request body must be a JSON object.", "BAD_REQUEST"));
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) m;
            handleBody(req, body, false, gqlResponse, dedupKey);
        });
    }

    @SuppressWarnings("unchecked")
    private void handleBody(HttpServerRequest req, Map<String, Object> body, boolean get, boolean gqlResponse,
                            InboundDeduplication.Key dedupKey) {
        Object q = body.get("query");
        Object on = body.get("operationName");
        Object vars = body.get("variables");
        Object ext = body.get("extensions");
        Object docId = body.containsKey("documentId") ? body.get("documentId") : body.get("id");
        if (ext != null && !(ext instanceof Map)) {
            send(req, gqlResponse, refused(400, "The 'extensions' must be a JSON object.", "BAD_REQUEST"));
            return;
        }
        if (q != null && !(q instanceof String)) {
            send(req, gqlResponse, refused(400, "The 'query' must be a string.", "BAD_REQUEST"));
            return;
        }
        if (docId != null && !(docId instanceof String)) {
            send(req, gqlResponse, refused(400, "The 'documentId' must be a string.", "BAD_REQUEST"));
            return;
        }
        if (on != null && !(on instanceof String)) {
            send(req, gqlResponse, refused(400, "The 'operationName' must be a string.", "BAD_REQUEST"));
            return;
        }
        if (vars != null && !(vars instanceof Map)) {
            send(req, gqlResponse, refused(400, "The 'variables' must be a JSON object.", "BAD_REQUEST"));
            return;
        }
        String opName = on == null || ((String) on).isEmpty() ? null : (String) on; // "" means none, as GET forms send it
        Map<String, String> headers = forwardHeaders(req);
        GraphQLRequest request = new GraphQLRequest((String) q, opName, (Map<String, Object>) vars,
                (Map<String, Object>) ext, (String) docId, headers, get, null);
        String auth = req.getHeader("authorization");
        if (tokens != null && auth != null) {
            // validation may fetch the JWKS (blocking I/O): keep it off the event loop
            io.vertx.core.Vertx.currentContext().owner().executeBlocking(() -> tokens.verify(auth), false)
                    .onComplete(ar -> {
                        if (ar.succeeded() && ar.result() instanceof TokenValidator.Accepted a) {
                            run(req, new GraphQLRequest(request.query(), request.operationName(), request.variables(),
                                    request.extensions(), request.documentId(), headers, get, a.claims()), gqlResponse,
                                    dedupKey);
                        } else {
                            String problem = ar.succeeded() && ar.result() instanceof TokenValidator.Refused r
                                    ? r.problem() : "Token validation failed.";
                            send(req, gqlResponse, refused(401, problem, "UNAUTHENTICATED"));
                        }
                    });
            return;
        }
        run(req, request, gqlResponse, dedupKey);
    }

    private void run(HttpServerRequest req, GraphQLRequest request, boolean gqlResponse, InboundDeduplication.Key dedupKey) {
        boolean multipart = acceptsMultipart(req.getHeader("accept"));
        OperationPipeline.Started started = pipeline.start(request);
        Future<GraphQLResponse> response = pipeline.respond(started, true, multipart);
        if (dedupKey != null && !multipart && started.shareable()) dedup.lead(dedupKey, response);
        response.onComplete(ar -> {
            if (ar.succeeded() && ar.result().incremental() != null) sendIncremental(req, ar.result());
            else if (ar.succeeded()) send(req, gqlResponse, ar.result());
            else send(req, gqlResponse, GraphQLResponse.of(Map.of("errors", List.of(Map.of(
                    "message", "Internal router error.", "extensions", Map.of("code", "INTERNAL_SERVER_ERROR"))))));
        });
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

    private static GraphQLResponse internalError() {
        return GraphQLResponse.of(Map.of("errors", List.of(Map.of(
                "message", "Internal router error.", "extensions", Map.of("code", "INTERNAL_SERVER_ERROR")))));
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
        resp.setStatusCode(r.httpStatus(gqlResponse));
        resp.putHeader("content-type", gqlResponse ? "application/graphql-response+json; charset=utf-8"
                : "application/json; charset=utf-8");
        resp.end(r.encoded() != null ? r.encoded() : Json.writeBuffer(r.body()));
    }
}
