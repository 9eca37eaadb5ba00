package com.shopbff.contracts;

import java.time.Instant;

/**
 * Events on {@link Topics#SESSION_REVOCATIONS}, keyed by the subject (customer id). Read by every router and
 * subgraph instance (each from about one access-token lifetime back, no consumer group) to refuse access tokens
 * that were ended before their expiry, without a database lookup per request.
 */
public sealed interface SessionEvent extends Message permits SessionEvent.AccessRevoked {
    String subject();

    @Override
    default String key() { return subject(); }

    /**
     * Access tokens of {@code subject} are no longer valid: those carrying {@code sid = sessionId} when a session id is
     * given (sign-out, password change ending other sessions, a reused refresh token), else every token of the subject
     * issued at or before {@code revokedAt} (erasure).
     */
    record AccessRevoked(String subject, String sessionId, Instant revokedAt, String reason) implements SessionEvent {}
}
