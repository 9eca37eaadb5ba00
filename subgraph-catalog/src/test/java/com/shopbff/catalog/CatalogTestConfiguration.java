package com.shopbff.catalog;

import com.shopbff.support.testing.TestTokensConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Test tokens instead of the customer subgraph's JWKS, and a record of the MongoDB queries the app sends. */
@TestConfiguration(proxyBeanMethods = false)
@Import(TestTokensConfiguration.class)
class CatalogTestConfiguration {
    @Bean
    MongoCommands mongoCommands() {
        return new MongoCommands();
    }

    @Bean
    MongoClientSettingsBuilderCustomizer recordMongoCommands(MongoCommands commands) {
        return settings -> settings.addCommandListener(commands);
    }
}
