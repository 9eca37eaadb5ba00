package com.shopbff.router.execution.client;

import com.shopbff.router.execution.SubgraphClient;
import com.shopbff.router.execution.VertxSubgraphClient;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The router's subgraph client as configured. */
public final class SubgraphClients {
    private SubgraphClients() {
    }

    /** Which implementation sends subgraph requests. */
    public enum Kind {
        /** {@link NettySubgraphClient} (HTTPS subgraphs through Vert.x). */
        NETTY,
        /** {@link VertxSubgraphClient}, Vert.x's HTTP client. */
        VERTX
    }

    /**
     * System property {@code router.subgraphClient} or environment variable {@code ROUTER_SUBGRAPH_CLIENT}:
     * {@code netty} (default) or {@code vertx}.
     *
     * @throws IllegalArgumentException for another value
     */
    public static Kind configured() {
        String v = System.getProperty("router.subgraphClient", System.getenv("ROUTER_SUBGRAPH_CLIENT"));
        if (v == null || v.isBlank()) return Kind.NETTY;
        try {
            return Kind.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ROUTER_SUBGRAPH_CLIENT must be netty or vertx, not '" + v + "'");
        }
    }

    /** The configured client, sharing identical in-flight requests when {@link DeduplicatingSubgraphClient#enabled()}. */
    public static SubgraphClient create(Vertx vertx, Map<String, String> urls, Duration timeout) {
        return create(configured(), vertx, urls, timeout, DeduplicatingSubgraphClient.enabled());
    }

    public static SubgraphClient create(Kind kind, Vertx vertx, Map<String, String> urls, Duration timeout, boolean dedup) {
        SubgraphClient client = switch (kind) {
            case VERTX -> new VertxSubgraphClient(vertx, urls, timeout);
            case NETTY -> new NettySubgraphClient(vertx, urls, timeout,
                    urls.values().stream().allMatch(u -> u == null || NettySubgraphClient.handles(u))
                            ? null : new VertxSubgraphClient(vertx, urls, timeout));
        };
        return dedup ? new DeduplicatingSubgraphClient(client) : client;
    }
}
