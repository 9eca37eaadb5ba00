package com.shopbff.support.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Access-token revocation ({@code shop.security.revocation.*}): every subgraph instance reads the revocation topic
 * whole and refuses the tokens it names.
 *
 * @param enabled     read the topic (default true); off, tokens stay valid until they expire
 * @param topic       the topic (default {@code session.revocations})
 * @param keep        how long a revocation is remembered: at least the access-token lifetime plus the 60 s clock
 *                    skew verifiers allow (default 20 minutes, for 15-minute tokens)
 * @param startupWait how long start-up waits for the revocations already on the topic (default 10 s); after it, the
 *                    subgraph starts anyway and the feed catches up in the background
 */
@ConfigurationProperties("shop.security.revocation")
public record RevocationProperties(Boolean enabled, String topic, Duration keep, Duration startupWait) {
    public RevocationProperties {
        if (enabled == null) enabled = true;
        if (topic == null || topic.isBlank()) topic = com.shopbff.contracts.Topics.SESSION_REVOCATIONS;
        if (keep == null) keep = Duration.ofMinutes(20);
        if (startupWait == null) startupWait = Duration.ofSeconds(10);
    }
}
