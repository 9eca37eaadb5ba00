package com.shopbff.router;

import com.shopbff.router.auth.RevocationSettings;
import com.shopbff.router.edge.EdgeConfig;
import com.shopbff.router.limits.Limits;
import com.shopbff.router.pipeline.CachePolicy;
import com.shopbff.router.pipeline.RouterExtensions;
import com.shopbff.router.subscription.SubscriptionSettings;
import com.shopbff.router.telemetry.TelemetrySettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Router configuration.
 *
 * @param supergraphSdl   supergraph SDL text (wins over {@code supergraphPath} when both are set)
 * @param supergraphPath  file holding the supergraph SDL
 * @param port            HTTP port; 0 picks a free one ({@link Router#port()} tells which)
 * @param jwksUrl         JWKS URL; when set, bearer tokens are validated (null: no validation)
 * @param subgraphUrls    subgraph name to URL, overriding the URLs in the supergraph
 * @param subgraphTimeout time limit for one subgraph request
 * @param limits          request limits; {@link Limits#DEFAULTS} when null ({@link Limits#NONE} switches them off)
 * @param extensions      the pipeline's extension points (document resolver, operation checks, observer);
 *                        {@link RouterExtensions#NONE} when null
 * @param cachePolicy     bounds of the document and plan caches; {@link CachePolicy#DEFAULTS} when null
 * @param subscriptions   how subscriptions are held; {@link SubscriptionSettings#DEFAULTS} when null
 * @param edge            the public-endpoint features (CORS, compression, persisted operations, cost and rate limits,
 *                        authorization directives, explorer, batching, cache headers); {@link EdgeConfig#DEFAULTS}
 *                        when null
 * @param revocation      the access-token revocation feed (Kafka); null: none, tokens are valid until they expire
 * @param telemetry       metrics endpoint, request log, tracing; {@link TelemetrySettings#DEFAULTS} when null
 */
public record RouterConfig(String supergraphSdl, Path supergraphPath, int port, String jwksUrl,
                           Map<String, String> subgraphUrls, Duration subgraphTimeout, Limits limits,
                           RouterExtensions extensions, CachePolicy cachePolicy, SubscriptionSettings subscriptions,
                           EdgeConfig edge, RevocationSettings revocation, TelemetrySettings telemetry) {
    public RouterConfig(String supergraphSdl, Path supergraphPath, int port, String jwksUrl,
                        Map<String, String> subgraphUrls, Duration subgraphTimeout, Limits limits) {
        this(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, limits, null, null, null, null, null, null);
    }

    public RouterConfig(String supergraphSdl, Path supergraphPath, int port, String jwksUrl,
                        Map<String, String> subgraphUrls, Duration subgraphTimeout, Limits limits,
                        RouterExtensions extensions, CachePolicy cachePolicy) {
        this(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, limits, extensions, cachePolicy, null, null, null, null);
    }

    public RouterConfig(String supergraphSdl, Path supergraphPath, int port, String jwksUrl,
                        Map<String, String> subgraphUrls, Duration subgraphTimeout, Limits limits,
                        RouterExtensions extensions, CachePolicy cachePolicy, SubscriptionSettings subscriptions, EdgeConfig edge) {
        this(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, limits, extensions, cachePolicy, subscriptions, edge, null, null);
    }

    public RouterConfig(String supergraphSdl, Path supergraphPath, int port, String jwksUrl,
                        Map<String, String> subgraphUrls, Duration subgraphTimeout, Limits limits,
                        RouterExtensions extensions, CachePolicy cachePolicy, SubscriptionSettings subscriptions,
                        EdgeConfig edge, RevocationSettings revocation) {
        this(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, limits, extensions, cachePolicy,
                subscriptions, edge, revocation, null);
    }

    public RouterConfig {
        if (supergraphSdl == null && supergraphPath == null) {
            throw new IllegalArgumentException("either supergraphSdl or supergraphPath is required");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        subgraphUrls = subgraphUrls == null ? Map.of() : Map.copyOf(subgraphUrls);
        subgraphTimeout = subgraphTimeout == null ? Duration.ofSeconds(30) : subgraphTimeout;
        limits = limits == null ? Limits.DEFAULTS : limits;
        extensions = extensions == null ? RouterExtensions.NONE : extensions;
        cachePolicy = cachePolicy == null ? CachePolicy.DEFAULTS : cachePolicy;
        subscriptions = subscriptions == null ? SubscriptionSettings.DEFAULTS : subscriptions;
        edge = edge == null ? EdgeConfig.DEFAULTS : edge;
        telemetry = telemetry == null ? TelemetrySettings.DEFAULTS : telemetry;
        if (revocation != null && jwksUrl == null) {
            throw new IllegalArgumentException("a revocation feed needs token validation: set the JWKS URL too");
        }
    }

    /** Config for SDL text on a port, everything else default. */
    public static RouterConfig of(String supergraphSdl, int port) {
        return new RouterConfig(supergraphSdl, null, port, null, Map.of(), null, null, null, null, null, null, null, null);
    }

    public RouterConfig withSubgraphUrls(Map<String, String> urls) {
        return new RouterConfig(supergraphSdl, supergraphPath, port, jwksUrl, urls, subgraphTimeout, limits, extensions, cachePolicy, subscriptions, edge, revocation, telemetry);
    }

    public RouterConfig withSubgraphTimeout(Duration timeout) {
        return new RouterConfig(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, timeout, limits, extensions, cachePolicy, subscriptions, edge, revocation, telemetry);
    }

    public RouterConfig withJwksUrl(String url) {
        return new RouterConfig(supergraphSdl, supergraphPath, port, url, subgraphUrls, subgraphTimeout, limits, extensions, cachePolicy, subscriptions, edge, revocation, telemetry);
    }

    public RouterConfig withLimits(Limits l) {
        return new RouterConfig(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, l, extensions, cachePolicy, subscriptions, edge, revocation, telemetry);
    }

    public RouterConfig withExtensions(RouterExtensions e) {
        return new RouterConfig(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, limits, e,
                cachePolicy, subscriptions, edge, revocation, telemetry);
    }

    public RouterConfig withCachePolicy(CachePolicy c) {
        return new RouterConfig(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, limits,
                extensions, c, subscriptions, edge, revocation, telemetry);
    }

    public RouterConfig withSubscriptions(SubscriptionSettings s) {
        return new RouterConfig(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, limits,
                extensions, cachePolicy, s, edge, revocation, telemetry);
    }

    public RouterConfig withEdge(EdgeConfig e) {
        return new RouterConfig(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, limits,
                extensions, cachePolicy, subscriptions, e, revocation, telemetry);
    }

    /** With the access-token revocation feed (needs the JWKS URL). */
    public RouterConfig withRevocation(RevocationSettings settings) {
        return new RouterConfig(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, limits,
                extensions, cachePolicy, subscriptions, edge, settings, telemetry);
    }

    public RouterConfig withTelemetry(TelemetrySettings t) {
        return new RouterConfig(supergraphSdl, supergraphPath, port, jwksUrl, subgraphUrls, subgraphTimeout, limits,
                extensions, cachePolicy, subscriptions, edge, revocation, t);
    }

    /** The SDL text, read from the path when needed. */
    public String sdl() {
        if (supergraphSdl != null) return supergraphSdl;
        try {
            return Files.readString(supergraphPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read supergraph " + supergraphPath, e);
        }
    }
}
