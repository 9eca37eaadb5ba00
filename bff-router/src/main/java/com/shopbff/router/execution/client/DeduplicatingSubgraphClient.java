package com.shopbff.router.execution.client;

import com.shopbff.router.execution.SubgraphClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Shares identical in-flight subgraph requests (same subgraph, body and forwarded headers, same Vert.x context): one
 * HTTP exchange, every caller parses the shared bytes into its own tree. Off by default ({@link #enabled()}).
 */
public final class DeduplicatingSubgraphClient implements SubgraphClient {
    private final SubgraphClient delegate;
    private final Map<Key, Future<Response>> inflight = new ConcurrentHashMap<>();
    private final LongAdder deduplicated = new LongAdder();

    public DeduplicatingSubgraphClient(SubgraphClient delegate) {
        this.delegate = delegate;
    }

    /**
     * Whether identical in-flight subgraph requests are shared: system property {@code router.dedupSubgraphRequests}
     * or environment variable {@code ROUTER_DEDUP_SUBGRAPH_REQUESTS} ({@code true}).
     */
    public static boolean enabled() {
        String v = System.getProperty("router.dedupSubgraphRequests", System.getenv("ROUTER_DEDUP_SUBGRAPH_REQUESTS"));
        return "true".equalsIgnoreCase(v) || "1".equals(v);
    }

    @Override
    public Future<Response> post(String service, byte[] body, Map<String, String> headers) {
        Key key = new Key(Vertx.currentContext(), service, body, headers);
        Future<Response> shared = inflight.get(key);
        if (shared != null) {
            deduplicated.increment();
            return shared;
        }
        Future<Response> fresh = delegate.post(service, body, headers);
        if (fresh.isComplete()) return fresh;
        inflight.put(key, fresh);
        fresh.onComplete(ar -> inflight.remove(key, fresh));
        return fresh;
    }

    /** Number of subgraph requests answered by sharing an identical in-flight request. */
    public long deduplicated() {
        return deduplicated.sum();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private record Key(Object context, String service, byte[] body, Map<String, String> headers) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.context == context && k.service.equals(service)
                    && Arrays.equals(k.body, body) && k.headers.equals(headers);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(context) * 31 + service.hashCode()) * 31 + Arrays.hashCode(body);
        }
    }
}
