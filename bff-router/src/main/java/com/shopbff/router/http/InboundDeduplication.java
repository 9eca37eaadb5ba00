package com.shopbff.router.http;

import com.shopbff.router.pipeline.GraphQLResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opt-in inbound request deduplication: a POST identical to one in flight — the same body bytes (operation,
 * variables, extensions) and the same headers forwarded to subgraphs ({@code Authorization} among them) — waits
 * for that one's response instead of running again. Only queries are shared (the first request registers itself
 * once prepared, and only for a query); a caller with another {@code Authorization} value, another trace context
 * or another client address never shares, because those headers are part of the key. Followers skip JSON parsing,
 * planning and execution, and write the leader's serialised body (shared bytes, no copy per follower).
 * <p>
 * Followers still count against the rate limit: each takes one request from the bucket of the client the leader
 * was charged to — the same client, since the key holds its {@code Authorization} and address.
 * <p>
 * Off by default: {@code --dedup-requests}, system property {@code router.dedupRequests} or environment variable
 * {@code ROUTER_DEDUP_REQUESTS} ({@code true}).
 */
final class InboundDeduplication {
    private final Map<Key, InFlight> inflight = new ConcurrentHashMap<>();
    private final LongAdder shared = new LongAdder();

    static boolean enabled() {
        String v = System.getProperty("router.dedupRequests", System.getenv("ROUTER_DEDUP_REQUESTS"));
        return "true".equalsIgnoreCase(v) || "1".equals(v);
    }

    /** What makes two requests identical: body bytes and forwarded headers. */
    static final class Key {
        private final byte[] body;
        private final Map<String, String> headers;
        private final int hash;

        Key(byte[] body, Map<String, String> headers) {
            this.body = body;
            this.headers = headers;
            this.hash = Arrays.hashCode(body) * 31 + headers.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.body, body) && k.headers.equals(headers);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A request in flight that others may follow, and the rate-limit key of its client (null: no per-client limit). */
    private record InFlight(Promise<GraphQLResponse> response, String clientKey) {
    }

    /** What a follower waits for, and whom it is charged to. */
    record Following(Future<GraphQLResponse> response, String clientKey) {
    }

    /** The response of an identical request in flight, or null when there is none. */
    Following follow(Key key) {
        InFlight f = inflight.get(key);
        if (f == null) return null;
        shared.increment();
        return new Following(f.response().future(), f.clientKey());
    }

    /**
     * Registers a shareable request's coming response; identical requests arriving until it completes follow it.
     * A second leader for the same key (a race between event loops) simply runs on its own.
     */
    void lead(Key key, Future<GraphQLResponse> response, String clientKey) {
        Promise<GraphQLResponse> p = Promise.promise();
        InFlight f = new InFlight(p, clientKey);
        if (inflight.putIfAbsent(key, f) != null) return;
        response.onComplete(ar -> {
            inflight.remove(key, f);
            // followers copy from a master copy that no connection ever writes (a written buffer may be released)
            if (ar.succeeded()) p.complete(master(ar.result()));
            else p.fail(ar.cause());
        });
    }

    /**
     * The shared form of a response: its body bytes in a buffer that writing never releases, so that every
     * follower can write it (through {@link #viewFor}) without a copy.
     */
    static GraphQLResponse master(GraphQLResponse r) {
        if (r.encoded() == null) return r;
        io.netty.buffer.ByteBuf bytes = io.netty.buffer.Unpooled.unreleasableBuffer(
                io.netty.buffer.Unpooled.wrappedBuffer(r.encoded().getBytes()));
        return new GraphQLResponse(null, BufferInternal.buffer(bytes), r.status(), r.graphQLRequestError(), null);
    }

    /** A follower's view of the master: the same bytes, its own read position. */
    static GraphQLResponse viewFor(GraphQLResponse master) {
        if (master.encoded() == null) return master;
        io.netty.buffer.ByteBuf view = ((BufferInternal) master.encoded()).getByteBuf().duplicate();
        return new GraphQLResponse(null, BufferInternal.buffer(view), master.status(), master.graphQLRequestError(), null);
    }

    /** Requests answered by sharing (for tests and diagnostics). */
    long shared() {
        return shared.sum();
    }
}
