package com.shopbff.router.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.shopbff.revocation.RevocationList;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * Validates bearer JWTs (ES256/RS256) against a JWKS. Nimbus' JWK source caches the key set and refetches it
 * when a token names an unknown key id, so key rotation needs no restart. A missing header is fine (anonymous:
 * subgraphs decide); a malformed, tampered or expired token is rejected. A token that passed is remembered (by its
 * exact text, until its own expiry) so that a client's next requests skip the signature check: an ES256
 * verification costs far more than the rest of a small request. With a {@link RevocationList} (kept current by the
 * revocation feed), a token whose session ({@code sid}) or subject ({@code sub}, up to its {@code iat}) was revoked is
 * refused as well, on every request, cached or not.
 */
public final class JwksTokenValidator implements TokenValidator {
    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    /** Verified tokens: their expiry and claims. */
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(100_000).build();

    private record Verified(Instant expiry, Accepted accepted) {
    }

    private final RevocationList revocations;

    public JwksTokenValidator(String jwksUrl) {
        this(jwksUrl, null);
    }

    /** @param revocations revoked sessions and subjects; null for none */
    public JwksTokenValidator(String jwksUrl, RevocationList revocations) {
        this.revocations = revocations;
        try {
            // no rate limit on refetches: a rotated key must work on its first token (the default 30 s limit
            // would reject it); unknown key ids are rare, and the fetch runs off the event loop
            JWKSource<SecurityContext> source = JWKSourceBuilder.create(URI.create(jwksUrl).toURL())
                    .retrying(true).rateLimited(false).build();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), source));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, new JWTClaimsSet.Builder().build(),
                    Set.of("exp")));
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid JWKS URL " + jwksUrl, e);
        }
    }

    @Override
    public Verification verify(String header) {
        if (header == null || header.isBlank()) return Accepted.ANONYMOUS;
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) return new Refused("Unsupported authorization scheme; use Bearer.");
        String token = header.substring(7).trim();
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            if (known.expiry() == null || Instant.now().isBefore(known.expiry())) return unlessRevoked(known.accepted());
            verified.invalidate(token);
            return new Refused("Invalid or expired access token.");
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Date exp = claims.getExpirationTime();
            Accepted accepted = new Accepted(java.util.Collections.unmodifiableMap(claims.toJSONObject()));
            if (exp != null) verified.put(token, new Verified(exp.toInstant(), accepted));
            return unlessRevoked(accepted);
        } catch (Exception e) {
            return new Refused("Invalid or expired access token.");
        }
    }

    private Verification unlessRevoked(Accepted accepted) {
        return revoked(accepted.claims()) ? new Refused(SESSION_ENDED) : accepted;
    }

    @Override
    public boolean revoked(Map<String, Object> claims) {
        if (revocations == null || claims.isEmpty()) return false;
        Instant issuedAt = claims.get("iat") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        return revocations.isRevoked(claims.get("sub") instanceof String s ? s : null,
                claims.get("sid") instanceof String s ? s : null, issuedAt);
    }
}
