package com.shopbff.router.edge.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Token-bucket rate limiting in this router instance: one bucket per client key and one global bucket, plus a
 * count of open long-lived connections (WebSocket, SSE) per client. State is per instance: N routers behind a load
 * balancer admit up to N times the configured rates (see the README).
 */
public final class RateLimiter {
    private final RateLimitConfig config;
    private final LongSupplier clock;
    private final Cache<String, TokenBucket> buckets;
    private final TokenBucket global;
    private final ConcurrentHashMap<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final ClientKeys keys;

    public RateLimiter(RateLimitConfig config) {
        this(config, System::nanoTime);
    }

    public RateLimiter(RateLimitConfig config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
        this.keys = new ClientKeys(config.trustedProxies());
        // a bucket untouched for longer than it takes to refill completely is full again: forgetting it changes nothing
        long refillNanos = config.perClientRate() > 0
                ? (long) Math.min(Long.MAX_VALUE / 4, config.perClientBurst() / config.perClientRate() * 1e9) : 0;
        this.buckets = Caffeine.newBuilder().maximumSize(500_000).expireAfter(new Expiry<String, TokenBucket>() {
            @Override
            public long expireAfterCreate(String k, TokenBucket v, long now) {
                return refillNanos + 1_000_000_000L;
            }

            @Override
            public long expireAfterUpdate(String k, TokenBucket v, long now, long current) {
                return refillNanos + 1_000_000_000L;
            }

            @Override
            public long expireAfterRead(String k, TokenBucket v, long now, long current) {
                return refillNanos + 1_000_000_000L;
            }
        }).build();
        this.global = config.globalRate() > 0 ? new TokenBucket(config.globalRate(), config.globalBurst(), clock.getAsLong()) : null;
    }

    /** The decision on one request. */
    public record Decision(boolean allowed, long retryAfterSeconds, String limit) {
        static final Decision ALLOWED = new Decision(true, 0, null);
    }

    public RateLimitConfig config() {
        return config;
    }

    public ClientKeys keys() {
        return keys;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Takes one token from the global bucket (checked before anything else is done for a request). */
    public Decision acquireGlobal(int n) {
        if (global == null) return Decision.ALLOWED;
        long wait = global.tryTake(Math.max(1, n), clock.getAsLong());
        return wait > 0 ? new Decision(false, seconds(wait), "global") : Decision.ALLOWED;
    }

    /** Takes {@code n} tokens (at least 1) from a client's bucket. */
    public Decision acquireClient(String clientKey, double n) {
        if (config.perClientRate() <= 0 || n <= 0) return Decision.ALLOWED;
        long now = clock.getAsLong();
        TokenBucket b = buckets.get(clientKey, k -> new TokenBucket(config.perClientRate(), config.perClientBurst(), now));
        long wait = b.tryTake(n, now);
        return wait > 0 ? new Decision(false, seconds(wait), "client") : Decision.ALLOWED;
    }

    /** An open connection counted against its client; {@link #close()} releases it (once). */
    public final class Lease implements AutoCloseable {
        private final String key;
        private boolean closed;

        Lease(String key) {
            this.key = key;
        }

        @Override
        public synchronized void close() {
            if (closed || key == null) return;
            closed = true;
            connections.computeIfPresent(key, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
        }
    }

    /** Counts a new long-lived connection; null when the client already has the maximum open. */
    public Lease openConnection(String clientKey) {
        int max = config.maxConnectionsPerClient();
        if (max <= 0) return new Lease(null);
        boolean[] ok = {false};
        connections.compute(clientKey, (k, c) -> {
            if (c == null) c = new AtomicInteger();
            if (c.get() < max) {
                c.incrementAndGet();
                ok[0] = true;
            }
            return c.get() == 0 ? null : c;
        });
        return ok[0] ? new Lease(clientKey) : null;
    }

    /** Connections now open for a client (tests, metrics). */
    public int openConnections(String clientKey) {
        AtomicInteger c = connections.get(clientKey);
        return c == null ? 0 : c.get();
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
