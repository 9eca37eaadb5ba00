package com.shopbff.router.edge;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestJwks;
import com.shopbff.router.support.TestSubgraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A router with an edge configuration in front of two real subgraphs over HTTP ({@code shop}, {@code reviews}) on
 * the supergraph {@code supergraphs/edge.graphql} (composed by Apollo's composer from SDL with {@code @cost},
 * {@code @listSize}, {@code @authenticated}, {@code @requiresScopes}, {@code @policy}, {@code @cacheControl}), and a
 * JWKS for tokens.
 */
final class EdgeStack implements AutoCloseable {
    static final String SUPERGRAPH = PlanSupport.resource("/supergraphs/edge.graphql");
    final TestJwks jwks = new TestJwks();
    final TestSubgraph shop;
    final TestSubgraph reviews;
    final Router router;
    final RouterClient client;

    EdgeStack(EdgeConfig edge) {
        shop = EdgeStackSubgraphs.shop();
        reviews = EdgeStackSubgraphs.reviews();
        try {
            router = Router.start(RouterConfig.of(SUPERGRAPH, 0)
                    .withSubgraphUrls(Map.of("shop", shop.url(), "reviews", reviews.url()))
                    .withJwksUrl(jwks.url()).withEdge(edge));
        } catch (RuntimeException e) {
            shop.close();
            reviews.close();
            jwks.close();
            throw e;
        }
        client = new RouterClient(router.port());
    }

    static Map<String, Object> product(Object id) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", String.valueOf(id));
        p.put("name", "Product " + id);
        p.put("price", 100);
        return p;
    }

    static List<Map<String, Object>> products(Object n) {
        int count = n instanceof Number x ? x.intValue() : 5;
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) out.add(product(i));
        return out;
    }

    /** Requests the subgraphs received so far. */
    int upstreamRequests() {
        return shop.requests.size() + reviews.requests.size();
    }

    String url() {
        return "http://127.0.0.1:" + router.port();
    }

    @Override
    public void close() {
        router.close();
        shop.close();
        reviews.close();
        jwks.close();
    }
}
