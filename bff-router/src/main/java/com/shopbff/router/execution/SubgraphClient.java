package com.shopbff.router.execution;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.Map;

/** Sends one GraphQL request body to a subgraph and yields its HTTP status and raw body. */
public interface SubgraphClient {
    /**
     * @param service subgraph name (as in the supergraph)
     * @param body    the JSON request body
     * @param headers headers to forward (Authorization, traceparent, X-Forwarded-For)
     * @return the response; fails with a {@link SubgraphException} when no HTTP response came (connection
     *         failure, timeout)
     */
    Future<Response> post(String service, byte[] body, Map<String, String> headers);

    void close();

    /** A subgraph's HTTP response: status and body bytes (parsed by the executor). */
    record Response(int status, Buffer body) {
    }
}
