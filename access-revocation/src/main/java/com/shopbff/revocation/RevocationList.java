package com.shopbff.revocation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The access tokens that were ended before their expiry, in memory: revoked session ids, and per subject the time
 * up to which every token is revoked. An entry is kept for {@code keep} after its revocation (at least the longest
 * access-token lifetime plus the clock skew verifiers allow); by then every token it names has expired anyway, so
 * the list stays as small as the revocations of the last minutes. A lookup is two hash-map reads.
 */
public final class RevocationList {
    private final Duration keep;
    private final Clock clock;
    private final Cache<String, Instant> sessions;
    private final Cache<String, Instant> subjects;
    private final List<Consumer<Revocation>> listeners = new CopyOnWriteArrayList<>();

    public RevocationList(Duration keep) {
        this(keep, Clock.systemUTC());
    }

    public RevocationList(Duration keep, Clock clock) {
        if (keep == null || keep.isNegative() || keep.isZero()) throw new IllegalArgumentException("keep must be positive: " + keep);
        this.keep = keep;
        this.clock = clock;
        this.sessions = Caffeine.newBuilder().expireAfter(untilKeptFor()).ticker(() -> clock.millis() * 1_000_000L).build();
        this.subjects = Caffeine.newBuilder().expireAfter(untilKeptFor()).ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** How long entries are kept after their revocation. */
    public Duration keep() {
        return keep;
    }

    /**
     * Records a revocation; one older than {@code keep} is ignored (the tokens it names have expired). Listeners are
     * told of each one recorded, on the calling thread, after it is in the list.
     */
    public void apply(Revocation r) {
        if (r.revokedAt().plus(keep).isBefore(clock.instant())) return;
        if (r.sessionId() != null) {
            sessions.asMap().merge(r.sessionId(), r.revokedAt(), (a, b) -> a.isAfter(b) ? a : b);
        } else {
            subjects.asMap().merge(r.subject(), r.revokedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        for (Consumer<Revocation> l : listeners) l.accept(r);
    }

    /**
     * Tells {@code listener} of every revocation recorded from now on (e.g. to end long-lived connections that were
     * authenticated with a token it now revokes). It runs on the thread that applies revocations: keep it short.
     */
    public void addListener(Consumer<Revocation> listener) {
        listeners.add(listener);
    }

    /**
     * Whether a token that verified is nevertheless revoked.
     *
     * @param sessionId the token's {@code sid} claim, or null
     * @param issuedAt  the token's {@code iat}, or null (then any subject-wide revocation applies)
     */
    public boolean isRevoked(String subject, String sessionId, Instant issuedAt) {
        if (sessionId != null && sessions.getIfPresent(sessionId) != null) return true;
        if (subject == null) return false;
        Instant until = subjects.getIfPresent(subject);
        // iat has whole seconds: a token issued in the second of the revocation counts as issued before it
        return until != null && (issuedAt == null || issuedAt.getEpochSecond() <= until.getEpochSecond());
    }

    /** Entries held (revoked sessions plus subjects), for metrics. */
    public long size() {
        sessions.cleanUp();
        subjects.cleanUp();
        return sessions.estimatedSize() + subjects.estimatedSize();
    }

    private <K> Expiry<K, Instant> untilKeptFor() {
        return Expiry.writing((key, revokedAt) -> {
            Duration left = Duration.between(clock.instant(), revokedAt.plus(keep));
            return left.isNegative() ? Duration.ZERO : left;
        });
    }
}
