package com.shopbff.orders;

import com.shopbff.support.auth.TokenVerifier;
import com.shopbff.support.testing.TestTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Verifies {@link TestTokens} instead of fetching the customer subgraph's JWKS. */
@TestConfiguration(proxyBeanMethods = false)
public class TestTokenVerifierConfiguration {
    @Bean
    @Primary
    TokenVerifier testTokenVerifier() {
        return TestTokens.verifier();
    }
}
