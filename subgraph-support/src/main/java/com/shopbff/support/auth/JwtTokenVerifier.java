package com.shopbff.support.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.shopbff.revocation.RevocationList;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Instant;

/**
 * Verifies access tokens with a Spring Security {@link JwtDecoder} (signature, expiry, issuer), then refuses those in
 * the {@link RevocationList} (signed out, erased: kept current from Kafka, no database lookup). A token that passed
 * the signature check is remembered by its exact text until its own expiry, so a client's next requests skip it (an
 * ES256 verification costs more than the rest of a small request); the revocation check runs on every request.
 */
public class JwtTokenVerifier implements TokenVerifier {
    private record Verified(Viewer viewer, Instant expiresAt, String sessionId, Instant issuedAt) {}

    private final JwtDecoder decoder;
    private final Clock clock;
    private final RevocationList revocations;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(100_000).build();

    /** A verifier without revocation: tokens stay valid until they expire. */
    public JwtTokenVerifier(JwtDecoder decoder) {
        this(decoder, null, Clock.systemUTC());
    }

    /** @param revocations ended sessions and subjects; null for none */
    public JwtTokenVerifier(JwtDecoder decoder, RevocationList revocations) {
        this(decoder, revocations, Clock.systemUTC());
    }

    public JwtTokenVerifier(JwtDecoder decoder, RevocationList revocations, Clock clock) {
        this.decoder = decoder;
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public Viewer verify(String bearerToken) {
        Verified known = verified.getIfPresent(bearerToken);
        if (known != null && !clock.instant().isBefore(known.expiresAt())) {
            verified.invalidate(bearerToken);
            known = null;
        }
        if (known == null) {
            try {
                Jwt jwt = decoder.decode(bearerToken);
                String role = jwt.getClaimAsString("role");
                if (jwt.getSubject() == null || role == null) return Viewer.invalid("token lacks subject or role");
                known = new Verified(Viewer.of(jwt.getSubject(), Role.valueOf(role), bearerToken), jwt.getExpiresAt(),
                        jwt.getClaimAsString("sid"), jwt.getIssuedAt());
                if (jwt.getExpiresAt() != null) verified.put(bearerToken, known);
            } catch (JwtException | IllegalArgumentException e) {
                return Viewer.invalid("invalid or expired access token");
            }
        }
        if (revocations != null && revocations.isRevoked(known.viewer().customerId(), known.sessionId(), known.issuedAt())) {
            return Viewer.invalid("this session has ended (signed out); sign in again");
        }
        return known.viewer();
    }
}
