package com.shopbff.support.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Instant;

/**
 * Verifies access tokens with a Spring Security {@link JwtDecoder} (signature, expiry, issuer). A token that passed is
 * remembered by its exact text until its own expiry, so a client's next requests skip the signature check (an ES256
 * verification costs more than the rest of a small request); an expired one is checked and refused again.
 */
public class JwtTokenVerifier implements TokenVerifier {
    private record Verified(Viewer viewer, Instant expiresAt) {}

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(100_000).build();

    public JwtTokenVerifier(JwtDecoder decoder) {
        this(decoder, Clock.systemUTC());
    }

    public JwtTokenVerifier(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    public Viewer verify(String bearerToken) {
        Verified known = verified.getIfPresent(bearerToken);
        if (known != null) {
            if (clock.instant().isBefore(known.expiresAt())) return known.viewer();
            verified.invalidate(bearerToken);
        }
        try {
            Jwt jwt = decoder.decode(bearerToken);
            String role = jwt.getClaimAsString("role");
            if (jwt.getSubject() == null || role == null) return Viewer.invalid("token lacks subject or role");
            Viewer viewer = Viewer.of(jwt.getSubject(), Role.valueOf(role), bearerToken);
            if (jwt.getExpiresAt() != null) verified.put(bearerToken, new Verified(viewer, jwt.getExpiresAt()));
            return viewer;
        } catch (JwtException | IllegalArgumentException e) {
            return Viewer.invalid("invalid or expired access token");
        }
    }
}
