package com.shopbff.revocation;

import java.time.Instant;
import java.util.Objects;

/**
 * One revocation: the access tokens of {@code subject} whose {@code sid} claim is {@code sessionId} (when given), or
 * else every access token of {@code subject} issued at or before {@code revokedAt}.
 */
public record Revocation(String subject, String sessionId, Instant revokedAt) {
    public Revocation {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (sessionId != null && sessionId.isBlank()) sessionId = null;
    }
}
