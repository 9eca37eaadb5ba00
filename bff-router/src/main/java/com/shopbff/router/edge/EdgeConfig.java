package com.shopbff.router.edge;

import com.shopbff.router.edge.authz.AuthzConfig;
import com.shopbff.router.edge.authz.PolicyEvaluator;
import com.shopbff.router.edge.compression.CompressionConfig;
import com.shopbff.router.edge.cors.CorsConfig;
import com.shopbff.router.edge.cost.CostConfig;
import com.shopbff.router.edge.explorer.ExplorerConfig;
import com.shopbff.router.edge.persisted.PersistedConfig;
import com.shopbff.router.edge.ratelimit.RateLimitConfig;

/**
 * What the router does as a public endpoint: CORS, compression, persisted operations, cost limits, rate limits,
 * authorization directives, introspection and explorer, batching, HTTP caching of GET responses. Every part has
 * documented defaults ({@link #DEFAULTS}); {@link #PRODUCTION} is the production profile. The standalone router reads
 * it from flags and environment variables ({@link EdgeOptions}).
 *
 * @param policyEvaluator decides {@code @policy} names; null = {@link com.shopbff.router.edge.authz.ClaimPolicies}
 *                        from {@code authz.policies}
 * @param cacheControl    set {@code Cache-Control} on GET responses (from {@code @cacheControl} hints, else
 *                        {@code no-store} for authenticated requests); default on
 */
public record EdgeConfig(CorsConfig cors, CompressionConfig compression, PersistedConfig persisted, CostConfig cost,
                         RateLimitConfig rateLimit, AuthzConfig authz, PolicyEvaluator policyEvaluator,
                         ExplorerConfig explorer, BatchingConfig batching, boolean cacheControl) {
    /** Development defaults: everything on that costs nothing when unused, rate limits off, explorer on. */
    public static final EdgeConfig DEFAULTS = new EdgeConfig(CorsConfig.NONE, CompressionConfig.DEFAULTS,
            PersistedConfig.DEFAULTS, CostConfig.DEFAULTS, RateLimitConfig.OFF, AuthzConfig.DEFAULTS, null,
            ExplorerConfig.DEFAULTS, BatchingConfig.OFF, true);

    /**
     * The production profile: introspection and GraphiQL off, rate limits on (50 requests/s per client, burst 100;
     * 20 WebSocket/SSE connections per client), the rest as {@link #DEFAULTS}. Trusted documents are enforced when
     * a manifest is configured ({@link EdgeOptions} does that).
     */
    public static final EdgeConfig PRODUCTION = new EdgeConfig(CorsConfig.NONE, CompressionConfig.DEFAULTS,
            PersistedConfig.DEFAULTS, CostConfig.DEFAULTS,
            new RateLimitConfig(50, 100, 0, 0, false, 20, java.util.List.of()), AuthzConfig.DEFAULTS, null,
            ExplorerConfig.PRODUCTION, BatchingConfig.OFF, true);

    public EdgeConfig {
        cors = cors == null ? CorsConfig.NONE : cors;
        compression = compression == null ? CompressionConfig.DEFAULTS : compression;
        persisted = persisted == null ? PersistedConfig.DEFAULTS : persisted;
        cost = cost == null ? CostConfig.DEFAULTS : cost;
        rateLimit = rateLimit == null ? RateLimitConfig.OFF : rateLimit;
        authz = authz == null ? AuthzConfig.DEFAULTS : authz;
        explorer = explorer == null ? ExplorerConfig.DEFAULTS : explorer;
        batching = batching == null ? BatchingConfig.OFF : batching;
    }

    public EdgeConfig withCors(CorsConfig c) {
        return new EdgeConfig(c, compression, persisted, cost, rateLimit, authz, policyEvaluator, explorer, batching, cacheControl);
    }

    public EdgeConfig withCompression(CompressionConfig c) {
        return new EdgeConfig(cors, c, persisted, cost, rateLimit, authz, policyEvaluator, explorer, batching, cacheControl);
    }

    public EdgeConfig withPersisted(PersistedConfig p) {
        return new EdgeConfig(cors, compression, p, cost, rateLimit, authz, policyEvaluator, explorer, batching, cacheControl);
    }

    public EdgeConfig withCost(CostConfig c) {
        return new EdgeConfig(cors, compression, persisted, c, rateLimit, authz, policyEvaluator, explorer, batching, cacheControl);
    }

    public EdgeConfig withRateLimit(RateLimitConfig r) {
        return new EdgeConfig(cors, compression, persisted, cost, r, authz, policyEvaluator, explorer, batching, cacheControl);
    }

    public EdgeConfig withAuthz(AuthzConfig a) {
        return new EdgeConfig(cors, compression, persisted, cost, rateLimit, a, policyEvaluator, explorer, batching, cacheControl);
    }

    public EdgeConfig withPolicyEvaluator(PolicyEvaluator p) {
        return new EdgeConfig(cors, compression, persisted, cost, rateLimit, authz, p, explorer, batching, cacheControl);
    }

    public EdgeConfig withExplorer(ExplorerConfig e) {
        return new EdgeConfig(cors, compression, persisted, cost, rateLimit, authz, policyEvaluator, e, batching, cacheControl);
    }

    public EdgeConfig withBatching(BatchingConfig b) {
        return new EdgeConfig(cors, compression, persisted, cost, rateLimit, authz, policyEvaluator, explorer, b, cacheControl);
    }

    public EdgeConfig withCacheControl(boolean on) {
        return new EdgeConfig(cors, compression, persisted, cost, rateLimit, authz, policyEvaluator, explorer, batching, on);
    }
}
