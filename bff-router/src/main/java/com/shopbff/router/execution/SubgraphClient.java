package com.shopbff.router.execution;

import io.vertx.core.Future;

import java.util.Map;

/** Sends one GraphQL request body to a subgraph and yields the parsed JSON response. */
public interface SubgraphClient {
    /**
     * @param service subgraph name (as in the supergraph)
     * @param body    the JSON request body
     * @param headers headers to forward (Authorization, traceparent, X-Forwarded-For)
     */
    Future<Map<String, Object>> post(String service, byte[] body, Map<String, String> headers);

    void close();
}
