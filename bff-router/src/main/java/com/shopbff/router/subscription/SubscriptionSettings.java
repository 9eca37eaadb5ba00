package com.shopbff.router.subscription;

import java.time.Duration;

/**
 * How the router holds subscriptions (see docs/decisions/0012-router-subscriptions-at-scale.md).
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
