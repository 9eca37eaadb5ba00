package com.shopbff.customer.session;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.shopbff.revocation.RevocationList;
import com.shopbff.support.auth.JwtTokenVerifier;
import com.shopbff.support.auth.TokenVerifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The customer subgraph verifies access tokens with its own key set directly (no HTTP call to its own JWKS), with
 * the same Spring Security decoder and validators (signature, exp/nbf, issuer) and the same revocation list as every
 * other subgraph.
 */
@Configuration(proxyBeanMethods = false)
public class LocalTokenVerifierConfiguration {

    @Bean
    @Primary
    TokenVerifier localTokenVerifier(SigningKeys keys, SecurityProperties properties, RevocationList revocations) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys.verificationKeys()));
        // Claims are checked by Spring's validators below, as in the other subgraphs.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        return new JwtTokenVerifier(decoder, revocations);
    }
}
