package com.shopbff.router.edge;

import com.shopbff.router.edge.authz.AuthorizationCheck;
import com.shopbff.router.edge.cache.CacheControl;
import com.shopbff.router.edge.compression.CompressionConfig;
import com.shopbff.router.edge.cors.CorsPolicy;
import com.shopbff.router.edge.cost.CostCheck;
import com.shopbff.router.edge.cost.CostEstimator;
import com.shopbff.router.edge.explorer.Explorer;
import com.shopbff.router.edge.explorer.IntrospectionCheck;
import com.shopbff.router.edge.persisted.DocumentResolver;
import com.shopbff.router.edge.persisted.PersistedConfig;
import com.shopbff.router.edge.persisted.TrustedDocuments;
import com.shopbff.router.edge.ratelimit.RateLimiter;
import com.shopbff.router.pipeline.GraphQLRequest;
import com.shopbff.router.pipeline.OperationCheck;
import com.shopbff.router.pipeline.Rejected;
import com.shopbff.router.pipeline.RouterExtensions;
import com.shopbff.router.supergraph.Supergraph;
import io.netty.handler.codec.compression.CompressionOptions;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.compression.Zstd;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The edge features of one running router, assembled from an {@link EdgeConfig} and the supergraph: what the
 * HTTP and WebSocket transports consult (CORS, rate limits, explorer pages, cache headers, request decoding) and
 * what goes into the pipeline ({@link #extend}: document resolution for persisted operations; checks for
 * introspection, authorization directives and cost).
 */
public final class Edge {
    private final EdgeConfig config;
    private final CorsPolicy cors;
    private final RateLimiter rateLimiter;
    private final DocumentResolver documents;
    private final Explorer explorer;
    private final CacheControl cacheControl;
    private final AuthorizationCheck authorization;
    private final CostCheck cost;
    private long reloadTimer = -1;

    private Edge(EdgeConfig config, Supergraph sg) {
        this.config = config;
        this.cors = new CorsPolicy(config.cors());
        this.rateLimiter = new RateLimiter(config.rateLimit());
        PersistedConfig p = config.persisted();
        this.documents = new DocumentResolver(p, p.manifest() == null ? TrustedDocuments.none() : TrustedDocuments.load(p.manifest()));
        this.explorer = new Explorer(config.explorer());
        this.cacheControl = config.cacheControl() ? new CacheControl(sg) : null;
        this.authorization = new AuthorizationCheck(sg, config.authz(), config.policyEvaluator());
        CostCheck.CostListener byCost = config.rateLimit().costAccounting() && config.rateLimit().perClientRate() > 0
                ? this::chargeCost : null;
        this.cost = new CostCheck(new CostEstimator(sg, config.cost()), byCost);
    }

    /**
     * Builds the edge of a router.
     *
     * @throws IllegalArgumentException when a configured file (the trusted documents manifest) cannot be used
     */
    public static Edge create(EdgeConfig config, Supergraph sg) {
        return new Edge(config == null ? EdgeConfig.DEFAULTS : config, sg);
    }

    public EdgeConfig config() {
        return config;
    }

    public CorsPolicy cors() {
        return cors;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public Explorer explorer() {
        return explorer;
    }

    /** Null when Cache-Control headers are off. */
    public CacheControl cacheControl() {
        return cacheControl;
    }

    public DocumentResolver documents() {
        return documents;
    }

    /**
     * The pipeline's extension points with the edge's added: its document resolver (unless {@code base} has its
     * own), and its checks (introspection, authorization, cost) before {@code base}'s.
     */
    public RouterExtensions extend(RouterExtensions base) {
        com.shopbff.router.pipeline.DocumentResolver resolver = base.documentResolver();
        if (resolver == com.shopbff.router.pipeline.DocumentResolver.QUERY_TEXT) resolver = this::resolve;
        List<OperationCheck> checks = new ArrayList<>();
        if (!config.explorer().introspection()) checks.add(new IntrospectionCheck());
        if (authorization.active()) checks.add(authorization);
        checks.add(cost);
        checks.addAll(base.checks());
        return new RouterExtensions(resolver, checks, base.observer());
    }

    private com.shopbff.router.pipeline.DocumentResolver.Resolution resolve(GraphQLRequest req) {
        String q = req.query();
        boolean named = req.documentId() != null || req.extensions().containsKey("persistedQuery");
        Object query = q == null || (q.isBlank() && named) ? null : q;
        return switch (documents.resolve(query, query == null ? req.documentId() : null, null, req.extensions())) {
            case DocumentResolver.Resolved r -> new com.shopbff.router.pipeline.DocumentResolver.Found(r.query());
            case DocumentResolver.Refused r -> r.status() == 400 && DocumentResolver.CODES.contains(r.code())
                    ? Rejected.requestError(r.message(), r.code()) : Rejected.transport(r.status(), r.message(), r.code());
        };
    }

    /** Cost accounting: an admitted operation takes its estimated cost (beyond the 1 already taken) from the bucket. */
    private Rejected chargeCost(OperationCheck.Context ctx, long estimated) {
        if (estimated <= 1) return null;
        String key = clientKey(ctx.request());
        RateLimiter.Decision d = rateLimiter.acquireClient(key, estimated - 1);
        return d.allowed() ? null : tooManyRequests(d);
    }

    /** The rate-limit key of a request that reached the pipeline (the subject, else the address from the headers). */
    public String clientKey(GraphQLRequest req) {
        Object sub = req.claims().get("sub");
        String xff = req.headers().get("x-forwarded-for");
        String peer = null, before = null;
        if (xff != null) {
            int comma = xff.lastIndexOf(',');
            peer = (comma < 0 ? xff : xff.substring(comma + 1)).trim();
            before = comma < 0 ? null : xff.substring(0, comma);
        }
        return rateLimiter.keys().key(sub instanceof String s ? s : null, peer, before);
    }

    /** The refusal of a rate-limited request: 429; {@code extensions.retryAfter} becomes the Retry-After header. */
    public static Rejected tooManyRequests(RateLimiter.Decision d) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("message", ("global".equals(d.limit()) ? "The router is receiving too many requests" : "Too many requests")
                + "; retry after " + d.retryAfterSeconds() + " s.");
        e.put("extensions", Map.of("code", "RATE_LIMITED", "retryAfter", d.retryAfterSeconds()));
        return new Rejected(429, false, List.of(e), Map.of());
    }

    /** The refusal of a new WebSocket/SSE connection over the per-client maximum: 429. */
    public static Rejected tooManyConnections(int max) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("message", "Too many open connections from this client; the limit is " + max + ". Close one and retry.");
        e.put("extensions", Map.of("code", "RATE_LIMITED", "retryAfter", 1));
        return new Rejected(429, false, List.of(e), Map.of());
    }

    /** Response compression on the HTTP servers. */
    public static HttpServerOptions configure(EdgeConfig config, HttpServerOptions options) {
        CompressionConfig c = config.compression();
        if (!c.responses()) return options.setCompressionSupported(false);
        List<CompressionOptions> compressors = new ArrayList<>();
        if (c.zstd() && Zstd.isAvailable()) compressors.add(StandardCompressionOptions.zstd());
        compressors.add(StandardCompressionOptions.gzip(c.level(), 15, 8));
        compressors.add(StandardCompressionOptions.deflate(c.level(), 15, 8));
        return options.setCompressionSupported(true).setCompressionLevel(c.level())
                .setCompressionContentSizeThreshold(c.minBytes()).setCompressors(compressors);
    }

    /** Starts the manifest reloader (checks the file's time and size, reads it off the event loop). */
    public void start(Vertx vertx) {
        if (documents.trusted().file() == null) return;
        long every = Math.max(1000, config.persisted().reloadInterval().toMillis());
        reloadTimer = vertx.setPeriodic(every, id -> vertx.executeBlocking(() -> documents.trusted().reloadIfChanged(), false));
    }

    public void stop(Vertx vertx) {
        if (reloadTimer >= 0) vertx.cancelTimer(reloadTimer);
    }
}
