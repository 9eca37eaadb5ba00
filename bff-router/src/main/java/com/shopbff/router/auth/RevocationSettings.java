package com.shopbff.router.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * The optional revocation feed: a Kafka topic of revoked sessions and subjects that the router reads whole (no
 * consumer group) and keeps in memory, so that it refuses a signed-out or erased session's access tokens before
 * they expire, without a lookup per request. Message format: bff-router/README.md, "Access-token revocation".
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic            the topic (the shop's customer subgraph publishes on {@code session.revocations})
 * @param keep             how long a revocation is remembered: at least the access tokens' lifetime plus clock skew
 */
public record RevocationSettings(String bootstrapServers, String topic, Duration keep) {
    public static final String DEFAULT_TOPIC = "session.revocations";
    public static final Duration DEFAULT_KEEP = Duration.ofMinutes(20);

    public RevocationSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) throw new IllegalArgumentException("revocation feed: Kafka bootstrap servers are empty");
        topic = topic == null || topic.isBlank() ? DEFAULT_TOPIC : topic;
        keep = keep == null ? DEFAULT_KEEP : keep;
        if (keep.isNegative() || keep.isZero()) throw new IllegalArgumentException("revocation feed: keep must be positive: " + keep);
    }
}
