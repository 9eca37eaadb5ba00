package com.shopbff.router.execution.client;

import com.shopbff.router.execution.SubgraphClient.Response;
import com.shopbff.router.execution.SubgraphException;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;

import java.util.Map;

/**
 * One subgraph request from its start to its answer. Used only on its event loop; it ends exactly once: with the
 * response, or with a {@link SubgraphException}. The caller's continuation runs on the caller's context.
 */
final class Exchange {
    final NettySubgraphClient.Endpoint endpoint;
    final byte[] body;
    final Map<String, String> headers;
    private final NettySubgraphClient client;
    private final ContextInternal context;
    private final PromiseInternal<Response> promise;
    ScheduledFuture<?> timer;
    /** The connection carrying it once sent (closed when the exchange times out). */
    Connection connection;
    boolean done;

    Exchange(NettySubgraphClient client, NettySubgraphClient.Endpoint endpoint, ContextInternal context,
             PromiseInternal<Response> promise, byte[] body, Map<String, String> headers) {
        this.client = client;
        this.endpoint = endpoint;
        this.context = context;
        this.promise = promise;
        this.body = body;
        this.headers = headers;
    }

    void succeed(Response response) {
        if (end()) context.emit(response, promise::tryComplete);
    }

    /** Fails the exchange with {@code code}; false when it had already ended. */
    boolean fail(String code, String message) {
        if (!end()) return false;
        SubgraphException e = new SubgraphException(code, message);
        context.emit(e, promise::tryFail);
        return true;
    }

    private boolean end() {
        if (done) return false;
        done = true;
        if (timer != null) timer.cancel(false);
        return true;
    }

    void timedOut() {
        timer = null;
        if (fail("SUBREQUEST_TIMEOUT", "request to subgraph '" + endpoint.service() + "' timed out after "
                + client.timeoutMs() + " ms") && connection != null) {
            // its response may still come: the connection cannot carry another request
            connection.abort();
        }
    }
}
