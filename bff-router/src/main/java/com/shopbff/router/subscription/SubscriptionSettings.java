package com.shopbff.router.subscription;

import java.time.Duration;
import java.util.Map;

/**
 * How the router holds subscriptions (see docs/decisions/0015-router-subscriptions-at-scale.md).
 *
 * @param maxStreamsPerUpstreamConnection upstream subscriptions carried by one WebSocket to a subgraph before the
 *                                        router opens another one to it
 * @param clientSendBufferBytes           bytes the router queues for one client connection (WebSocket or SSE)
 *                                        that does not read; beyond it the connection is closed
 *                                        ({@link SubscriptionCodes#SLOW_CONSUMER})
 * @param keepAlive                       interval of keep-alives: WebSocket ping frames to clients and
 *                                        subgraphs, SSE comment lines
 * @param upstreamAckTimeout              time a subgraph has to answer {@code connection_init}
 * @param upstreamLinger                  how long an upstream connection carrying no subscription stays open
 * @param dedup                           identical subscriptions (same document, variables, identity) share one
 *                                        upstream subscription and one execution per event
 */
public record SubscriptionSettings(int maxStreamsPerUpstreamConnection, int clientSendBufferBytes, Duration keepAlive,
                                   Duration upstreamAckTimeout, Duration upstreamLinger, boolean dedup) {
    public static final SubscriptionSettings DEFAULTS = new SubscriptionSettings(1000, 1 << 20,
            Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(5), true);

    public SubscriptionSettings {
        if (maxStreamsPerUpstreamConnection < 1) throw new IllegalArgumentException("maxStreamsPerUpstreamConnection < 1");
        if (clientSendBufferBytes < 1024) throw new IllegalArgumentException("clientSendBufferBytes < 1024");
    }

    /**
     * The defaults overridden by environment variables and flags (flags win): {@code subscription-buffer-bytes}
     * ({@code ROUTER_SUBSCRIPTION_BUFFER_BYTES}), {@code subscription-keepalive-ms}
     * ({@code ROUTER_SUBSCRIPTION_KEEPALIVE_MS}), {@code subscription-streams-per-connection}
     * ({@code ROUTER_SUBSCRIPTION_STREAMS_PER_CONNECTION}), {@code subscription-dedup}
     * ({@code ROUTER_SUBSCRIPTION_DEDUP}, true/false).
     *
     * @throws IllegalArgumentException naming the setting whose value is not acceptable
     */
    public static SubscriptionSettings from(Map<String, String> env, Map<String, String> flags) {
        SubscriptionSettings s = DEFAULTS;
        String v;
        if ((v = value(env, flags, "subscription-buffer-bytes")) != null) s = s.withClientSendBufferBytes(number(v, "subscription-buffer-bytes"));
        if ((v = value(env, flags, "subscription-keepalive-ms")) != null) s = s.withKeepAlive(Duration.ofMillis(number(v, "subscription-keepalive-ms")));
        if ((v = value(env, flags, "subscription-streams-per-connection")) != null) s = s.withMaxStreamsPerUpstreamConnection(number(v, "subscription-streams-per-connection"));
        if ((v = value(env, flags, "subscription-dedup")) != null) s = s.withDedup(Boolean.parseBoolean(v.trim()));
        for (String k : flags.keySet()) {
            if (!NAMES.contains(k)) throw new IllegalArgumentException("unknown option --" + k);
        }
        return s;
    }

    private static final java.util.Set<String> NAMES = java.util.Set.of("subscription-buffer-bytes",
            "subscription-keepalive-ms", "subscription-streams-per-connection", "subscription-dedup");

    private static String value(Map<String, String> env, Map<String, String> flags, String name) {
        if (flags.get(name) != null) return flags.get(name);
        return env.get("ROUTER_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    private static int number(String v, String name) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a positive number, not '" + v + "'");
        }
    }

    public SubscriptionSettings withClientSendBufferBytes(int bytes) {
        return new SubscriptionSettings(maxStreamsPerUpstreamConnection, bytes, keepAlive, upstreamAckTimeout, upstreamLinger, dedup);
    }

    public SubscriptionSettings withMaxStreamsPerUpstreamConnection(int n) {
        return new SubscriptionSettings(n, clientSendBufferBytes, keepAlive, upstreamAckTimeout, upstreamLinger, dedup);
    }

    public SubscriptionSettings withKeepAlive(Duration d) {
        return new SubscriptionSettings(maxStreamsPerUpstreamConnection, clientSendBufferBytes, d, upstreamAckTimeout, upstreamLinger, dedup);
    }

    public SubscriptionSettings withDedup(boolean on) {
        return new SubscriptionSettings(maxStreamsPerUpstreamConnection, clientSendBufferBytes, keepAlive, upstreamAckTimeout, upstreamLinger, on);
    }
}
