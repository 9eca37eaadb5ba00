package com.shopbff.router.edge.ratelimit;

import java.util.List;

/**
 * Rate limits: token buckets per client and one for the whole router.
 *
 * @param perClientRate       requests (or cost units, see {@code costAccounting}) per second each client may
 *                            sustain; 0 = no per-client limit (the default)
 * @param perClientBurst      bucket size: how many a client may send at once after a quiet spell; default 2 × rate
 * @param globalRate          requests per second for the whole router instance; 0 = none (the default)
 * @param globalBurst         global bucket size; default 2 × rate
 * @param costAccounting      take an operation's estimated cost (at least 1) from the client's bucket instead of 1
 * @param maxConnectionsPerClient open WebSocket/SSE connections per client; 0 = unlimited (the default)
 * @param trustedProxies      peers (addresses or CIDR blocks) whose {@code X-Forwarded-For} is believed: the client is
 *                            then the right-most address in it that is not itself a trusted proxy; default none
 */
public record RateLimitConfig(double perClientRate, double perClientBurst, double globalRate, double globalBurst,
                              boolean costAccounting, int maxConnectionsPerClient, List<String> trustedProxies) {
    public static final RateLimitConfig OFF = new RateLimitConfig(0, 0, 0, 0, false, 0, List.of());

    public RateLimitConfig {
        if (perClientRate < 0 || perClientBurst < 0 || globalRate < 0 || globalBurst < 0 || maxConnectionsPerClient < 0) {
            throw new IllegalArgumentException("rate limits must be >= 0");
        }
        if (perClientRate > 0 && perClientBurst == 0) perClientBurst = 2 * perClientRate;
        if (globalRate > 0 && globalBurst == 0) globalBurst = 2 * globalRate;
        trustedProxies = List.copyOf(trustedProxies == null ? List.of() : trustedProxies);
        for (String p : trustedProxies) Cidr.parse(p); // fails early on a typo
    }

    public boolean enabled() {
        return perClientRate > 0 || globalRate > 0;
    }
}
