package com.shopbff.stack;

import com.shopbff.router.Router;
import com.shopbff.contracts.Topics;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.telemetry.TelemetrySettings;
import com.shopbff.router.auth.RevocationSettings;
import com.shopbff.router.edge.EdgeConfig;
import com.shopbff.router.edge.EdgeOptions;
import com.shopbff.stack.web.WebClientSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the bff-router in-process in front of the subgraphs, on the stack's supergraph, validating tokens against the
 * customer subgraph's JWKS and refusing revoked ones from the stack's Kafka ({@code session.revocations}).
 */
final class RouterLauncher {
    private RouterLauncher() {}

    /** Router telemetry comes from the environment as for a standalone router (ROUTER_METRICS*, ROUTER_REQUEST_LOG, OTEL_*). */
    static AutoCloseable start(StackSettings s, String jwksUrl, String kafkaBootstrap) {
        RouterConfig config = new RouterConfig(null, s.supergraph(), s.routerPort(), jwksUrl, s.subgraphUrls(), null, null)
                .withEdge(edge(System.getenv()))
                .withRevocation(new RevocationSettings(kafkaBootstrap, Topics.SESSION_REVOCATIONS, null))
                .withTelemetry(TelemetrySettings.from(TelemetrySettings.DEFAULTS, System.getenv()));
        return Router.start(config);
    }

    /**
     * The router's edge in the local stack: the switches' environment variables ({@code ROUTER_CORS_ORIGINS}, ...,
     * see bff-router/README.md) over these defaults: the web clients' origins allowed ({@code WEB_PORT}, default
     * 4080, on localhost and 127.0.0.1, and Vite's dev server on 5173); scopes read from the tokens' {@code role}
     * claim too (the shop's {@code @requiresScopes(scopes: [["ADMIN"]])}); unauthorized fields answered with the
     * subgraphs' own codes (UNAUTHENTICATED, FORBIDDEN); the web build's trusted-documents manifest in log-only mode
     * when it exists.
     */
    static EdgeConfig edge(Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        String web = env.getOrDefault("WEB_PORT", "4080");
        e.putIfAbsent("ROUTER_CORS_ORIGINS", "http://localhost:" + web + ",http://127.0.0.1:" + web + ",http://localhost:5173");
        e.putIfAbsent("ROUTER_CORS_ALLOW_CREDENTIALS", "true");
        e.putIfAbsent("ROUTER_AUTHZ_SCOPE_CLAIMS", "scope,role");
        e.putIfAbsent("ROUTER_AUTHZ_ERROR_CODES", "by-caller");
        Path manifest = WebClientSettings.MANIFEST;
        if (!e.containsKey("ROUTER_TRUSTED_DOCUMENTS") && Files.isReadable(manifest)) {
            e.put("ROUTER_TRUSTED_DOCUMENTS", manifest.toString());
        }
        return EdgeOptions.from(e, Map.of());
    }
}
