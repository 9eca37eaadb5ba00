package com.shopbff.notifications;

import com.shopbff.support.auth.TokenVerifier;
import com.shopbff.support.testing.TestTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Verifies the real ES256 tokens of {@link TestTokens} instead of fetching the customer subgraph's JWKS. */
@TestConfiguration(proxyBeanMethods = false)
class TestTokensConfiguration {
    @Bean
    TokenVerifier testTokenVerifier() {
        return TestTokens.verifier();
    }
}
