package com.shopbff.support.testing;

import com.shopbff.support.auth.TokenVerifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Verifies {@link TestTokens} instead of fetching the customer subgraph's JWKS; {@code @Import} it in a test base. */
@TestConfiguration(proxyBeanMethods = false)
public class TestTokensConfiguration {
    @Bean
    @Primary
    TokenVerifier testTokenVerifier() {
        return TestTokens.verifier();
    }
}
