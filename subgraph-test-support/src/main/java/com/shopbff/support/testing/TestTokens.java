package com.shopbff.support.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.shopbff.support.auth.JwtTokenVerifier;
import com.shopbff.support.auth.Role;
import com.shopbff.support.auth.TokenVerifier;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Real ES256 access tokens for tests of subgraphs other than customer: one key pair per JVM, tokens shaped like the
 * customer subgraph's (issuer, subject = customer id, role, jti), and a {@link TokenVerifier} that checks them with
 * the same Spring Security decoder the subgraphs use in production. Declare {@link #verifier()} as a
 * {@code @Bean TokenVerifier} in a test configuration.
 */
public final class TestTokens {
    public static final String ISSUER = "shop-customer";
    private static final ECKey KEY;

    static {
        try {
            KEY = new ECKeyGenerator(Curve.P_256).keyID("test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestTokens() {}

    public static String customer(String customerId) {
        return token(customerId, Role.CUSTOMER, Duration.ofMinutes(15));
    }

    public static String admin(String customerId) {
        return token(customerId, Role.ADMIN, Duration.ofMinutes(15));
    }

    /** A token valid for {@code ttl} from now; a negative ttl gives an expired token. */
    public static String token(String customerId, Role role, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(customerId).claim("role", role.name()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(1))).expirationTime(Date.from(now.plus(ttl))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new ECDSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TokenVerifier verifier() {
        var processor = new com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext>();
        processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(new com.nimbusds.jose.jwk.JWKSet(KEY.toPublicJWK()))));
        // Claims are validated by Spring's validators below, as in production.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        return new JwtTokenVerifier(decoder);
    }
}
