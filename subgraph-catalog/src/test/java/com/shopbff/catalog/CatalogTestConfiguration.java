package com.shopbff.catalog;

import com.shopbff.support.auth.TokenVerifier;
import com.shopbff.support.testing.TestTokens;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Test tokens instead of the customer subgraph's JWKS, and a record of the MongoDB queries the app sends. */
@TestConfiguration(proxyBeanMethods = false)
class CatalogTestConfiguration {
    @Bean
    @Primary
    TokenVerifier testTokenVerifier() {
        return TestTokens.verifier();
    }

    @Bean
    MongoCommands mongoCommands() {
        return new MongoCommands();
    }

    @Bean
    MongoClientSettingsBuilderCustomizer recordMongoCommands(MongoCommands commands) {
        return settings -> settings.addCommandListener(commands);
    }
}
