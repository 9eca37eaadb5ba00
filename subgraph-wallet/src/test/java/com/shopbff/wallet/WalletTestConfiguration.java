package com.shopbff.wallet;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.shopbff.support.testing.TestTokensConfiguration;
import org.springframework.context.annotation.Import;
import org.bson.BsonDocument;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real ES256 tokens of {@link TestTokens} instead of the customer subgraph's JWKS, and a record of the commands the
 * application sends to MongoDB (to check that a request is answered with one query).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(TestTokensConfiguration.class)
class WalletTestConfiguration {
    @Bean
    MongoCommands mongoCommands() {
        return new MongoCommands();
    }

    @Bean
    MongoClientSettingsBuilderCustomizer recordMongoCommands(MongoCommands commands) {
        return settings -> settings.addCommandListener(commands);
    }

    /** Every command sent, as {@code name} and its BSON document. */
    static final class MongoCommands implements CommandListener {
        record Sent(String name, BsonDocument command) {}

        private final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            sent.add(new Sent(event.getCommandName(), event.getCommand().clone()));
        }

        int mark() {
            return sent.size();
        }

        /** {@code find}s on {@code collection} since {@code mark} whose command mentions any of {@code texts}. */
        long finds(int mark, String collection, String... texts) {
            return sent.subList(mark, sent.size()).stream()
                    .filter(s -> s.name().equals("find") && collection.equals(s.command().getString("find").getValue()))
                    .filter(s -> java.util.Arrays.stream(texts).anyMatch(s.command().toJson()::contains))
                    .count();
        }
    }
}
