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

import java.net.URI;
import java.util.Set;

/**
 * Validates bearer JWTs (ES256/RS256) against a JWKS. Nimbus' JWK source caches the key set and refetches it
 * when a token names an unknown key id, so key rotation needs no restart. A missing header is fine (anonymous:
 * subgraphs decide); a malformed, tampered or expired token is rejected.
 */
public final class JwksTokenValidator implements TokenValidator {
    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwksTokenValidator(String jwksUrl) {
        try {
            JWKSource<SecurityContext> source = JWKSourceBuilder.create(URI.create(jwksUrl).toURL())
                    .retrying(true).build();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), source));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, new JWTClaimsSet.Builder().build(),
                    Set.of("exp")));
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid JWKS URL " + jwksUrl, e);
        }
    }

    @Override
    public String validate(String header) {
        if (header == null || header.isBlank()) return null;
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) return "Unsupported authorization scheme; use Bearer.";
        String token = header.substring(7).trim();
        try {
            processor.process(token, null);
            return null;
        } catch (Exception e) {
            return "Invalid or expired access token.";
        }
    }
}
