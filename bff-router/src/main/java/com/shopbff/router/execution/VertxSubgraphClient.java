package com.shopbff.router.execution;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.*;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Subgraph HTTP client on Vert.x (the fallback to {@link com.shopbff.router.execution.client.NettySubgraphClient},
 * {@code ROUTER_SUBGRAPH_CLIENT=vertx}; it also carries HTTPS subgraphs): keep-alive connection pools per subgraph, non-blocking, a hard time limit
 * per request (timer-based so a slow body also counts).
 */
public final class VertxSubgraphClient implements SubgraphClient {
    private final Vertx vertx;
    private final HttpClient client;
    private final Map<String, Target> targets = new HashMap<>();
    private final long timeoutMs;

    private record Target(String host, int port, String path, boolean ssl) {
    }

    public VertxSubgraphClient(Vertx vertx, Map<String, String> urls, Duration timeout) {
        this.vertx = vertx;
        this.timeoutMs = Math.max(1, timeout.toMillis());
        this.client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setPipelining(false).setTcpNoDelay(true)
                        // a response body reaches the handler in pieces of up to 64 KiB (default 8 KiB): fewer
                        // pieces to pass through the codec and the handler chain for the larger entity answers
                        .setMaxChunkSize(64 * 1024)
                        // idle connections are dropped before common server idle timeouts (Node: 5 s), so a
                        // request never races a server-side close
                        .setConnectTimeout((int) Math.min(timeoutMs, 10_000)).setKeepAliveTimeout(4))
                .with(new PoolOptions().setHttp1MaxSize(128).setMaxWaitQueueSize(-1))
                .build();
        urls.forEach((name, url) -> {
            if (url == null) return;
            try {
                URI u = URI.create(url);
                boolean ssl = "https".equalsIgnoreCase(u.getScheme());
                int port = u.getPort() > 0 ? u.getPort() : (ssl ? 443 : 80);
                String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                if (u.getRawQuery() != null) path += "?" + u.getRawQuery();
                targets.put(name, new Target(u.getHost(), port, path, ssl));
            } catch (RuntimeException e) {
                // an unusable URL fails only the requests that reach this subgraph
            }
        });
    }

    @Override
    public Future<Response> post(String service, byte[] body, Map<String, String> headers) {
        Target t = targets.get(service);
        if (t == null) {
            return Future.failedFuture(new SubgraphException("SUBREQUEST_HTTP_ERROR",
                    "no usable URL for subgraph '" + service + "'"));
        }
        return exchange(t, service, body, headers);
    }

    private Future<Response> exchange(Target t, String service, byte[] body, Map<String, String> headers) {
        Promise<Response> promise = Promise.promise();
        // one timer per exchange covers connecting, sending and the whole response; on expiry the request is reset
        // so that its connection goes back to the pool (no second, per-request idle timer)
        RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setHost(t.host).setPort(t.port)
                .setURI(t.path).setSsl(t.ssl);
        ro.putHeader("content-type", "application/json");
        ro.putHeader("accept", "application/graphql-response+json, application/json");
        headers.forEach(ro::putHeader);
        HttpClientRequest[] sent = new HttpClientRequest[1];
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (promise.tryFail(new SubgraphException("SUBREQUEST_TIMEOUT",
                    "request to subgraph '" + service + "' timed out after " + timeoutMs + " ms")) && sent[0] != null) {
                sent[0].reset();
            }
        });
        client.request(ro)
                .compose(req -> {
                    sent[0] = req;
                    if (promise.future().isComplete()) { // timed out while waiting for a connection
                        req.reset();
                        return Future.failedFuture("timed out");
                    }
                    return req.send(Buffer.buffer(body));
                })
                .compose(resp -> body(resp).map(b -> new Response(resp.statusCode(), b)))
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    if (ar.succeeded()) promise.tryComplete(ar.result());
                    else promise.tryFail(ar.cause() instanceof SubgraphException ? ar.cause()
                            : new SubgraphException("SUBREQUEST_HTTP_ERROR", String.valueOf(ar.cause().getMessage())));
                });
        return promise.future();
    }

    /**
     * The response body in one buffer sized from {@code content-length} up front (the default aggregation grows its
     * buffer chunk by chunk, copying large responses several times).
     */
    private static Future<Buffer> body(HttpClientResponse resp) {
        String cl = resp.getHeader("content-length");
        int size = 0;
        if (cl != null) {
            try {
                size = Integer.parseInt(cl.trim());
            } catch (NumberFormatException e) {
                size = 0;
            }
        }
        if (size <= 0 || size > 64 * 1024 * 1024) return resp.body();
        Buffer acc = Buffer.buffer(size);
        Promise<Buffer> p = Promise.promise();
        resp.handler(acc::appendBuffer);
        resp.exceptionHandler(p::tryFail);
        resp.endHandler(v -> p.tryComplete(acc));
        return p.future();
    }

    @Override
    public void close() {
        client.close();
    }
}
