package com.shopbff.support.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.shopbff.revocation.Revocation;
import com.shopbff.revocation.RevocationList;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** The subgraphs' verifier consults the revocation list on every request, also for tokens it has verified before. */
class JwtTokenVerifierRevocationTest {
    private final ECKey key = generate();
    private final RevocationList revocations = new RevocationList(Duration.ofMinutes(20));
    private final JwtTokenVerifier verifier = new JwtTokenVerifier(decoder(), revocations);

    @Test
    void aTokenVerifiedBeforeItsSessionWasRevokedIsRefusedAfterwards() throws Exception {
        String token = token("c1", "s1", Instant.now());
        assertThat(verifier.verify(token).customerId()).isEqualTo("c1");
        revocations.apply(new Revocation("c1", "s1", Instant.now()));
        Viewer v = verifier.verify(token);
        assertThat(v.isInvalid()).isTrue();
        assertThat(v.invalidReason()).contains("session has ended");
        assertThat(verifier.verify(token("c1", "s2", Instant.now())).customerId()).as("another session").isEqualTo("c1");
    }

    @Test
    void aSubjectRevocationRefusesTokensIssuedUpToIt() throws Exception {
        String token = token("c2", "s3", Instant.now().minusSeconds(30));
        revocations.apply(new Revocation("c2", null, Instant.now()));
        assertThat(verifier.verify(token).isInvalid()).isTrue();
    }

    private String token(String subject, String sid, Instant issuedAt) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("shop-customer").subject(subject).claim("role", "CUSTOMER")
                .claim("sid", sid).issueTime(Date.from(issuedAt)).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private NimbusJwtDecoder decoder() {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        processor.setJWTClaimsSetVerifier((c, ctx) -> {});
        NimbusJwtDecoder d = new NimbusJwtDecoder(processor);
        d.setJwtValidator(JwtValidators.createDefaultWithIssuer("shop-customer"));
        return d;
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
