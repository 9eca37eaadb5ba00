package com.shopbff.support;

import com.shopbff.revocation.RevocationList;
import com.shopbff.support.auth.JwtTokenVerifier;
import com.shopbff.support.auth.RevocationConfiguration;
import com.shopbff.support.auth.TokenVerifier;
import com.shopbff.support.auth.ViewerInterceptor;
import com.shopbff.support.errors.ShopExceptionResolver;
import com.shopbff.support.health.MongoPingHealthIndicator;
import com.shopbff.support.messaging.KafkaTopicsInitializer;
import com.shopbff.support.messaging.KafkaTopicsProperties;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.ProcessedMessages;
import com.shopbff.support.mongo.MongoIndex;
import com.shopbff.support.mongo.MongoIndexInitializer;
import com.shopbff.support.mongo.MongoIndexes;
import com.shopbff.support.scalars.ScalarsWiring;
import com.shopbff.support.telemetry.TimedGraphQlWebSocketHandler;
import com.shopbff.support.telemetry.TracingConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Duration;
import java.util.Map;

/**
 * Imported by every subgraph application ({@code @Import(SubgraphSupportConfiguration.class)}): caller identity,
 * error codes, scalars, Kafka publishing and idempotency. HTTP endpoints are open at the filter level because the
 * authorization rules live next to the fields they guard (see {@link com.shopbff.support.auth.Auth}); a request
 * with a bad token is refused there with UNAUTHENTICATED.
 */
@Configuration(proxyBeanMethods = false)
@Import({ScalarsWiring.class, TracingConfiguration.class, RevocationConfiguration.class})
@EnableConfigurationProperties(KafkaTopicsProperties.class)
public class SubgraphSupportConfiguration {

    @Bean
    SecurityFilterChain shopSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.csrf(c -> c.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(TokenVerifier.class)
    TokenVerifier jwksTokenVerifier(@Value("${shop.security.jwks-uri:http://localhost:4001/.well-known/jwks.json}") String jwksUri,
                                    @Value("${shop.security.issuer:shop-customer}") String issuer,
                                    RevocationList revocations) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return new JwtTokenVerifier(decoder, revocations);
    }

    @Bean
    ViewerInterceptor viewerInterceptor(TokenVerifier verifier) {
        return new ViewerInterceptor(verifier);
    }

    /**
     * Spring for GraphQL's graphql-transport-ws handler (in place of Spring Boot's own, configured the same way: the
     * {@code spring.graphql.websocket.*} properties), with the write of every subscription event timed.
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty("spring.graphql.websocket.path")
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, MeterRegistry meters,
                                                    @Value("${spring.graphql.websocket.connection-init-timeout:60s}") Duration initTimeout,
                                                    @Value("${spring.graphql.websocket.keep-alive:#{null}}") Duration keepAlive) {
        return new TimedGraphQlWebSocketHandler(handler, jsonConverter(), initTimeout, keepAlive, meters);
    }

    @SuppressWarnings("unchecked")
    private static HttpMessageConverter<Object> jsonConverter() {
        for (HttpMessageConverter<?> c : HttpMessageConverters.forServer().registerDefaults().build()) {
            if (c.canRead(Map.class, MediaType.APPLICATION_JSON)) return (HttpMessageConverter<Object>) c;
        }
        throw new IllegalStateException("no JSON message converter for the GraphQL WebSocket handler");
    }

    @Bean
    ShopExceptionResolver shopExceptionResolver() {
        return new ShopExceptionResolver();
    }

    @Bean
    MessagePublisher messagePublisher(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        return new MessagePublisher(kafka, meters);
    }

    @Bean
    KafkaTopicsInitializer kafkaTopicsInitializer(KafkaAdmin kafkaAdmin, KafkaTopicsProperties properties) {
        return new KafkaTopicsInitializer(kafkaAdmin.getConfigurationProperties(), properties);
    }

    @Bean("mongoPing")
    MongoPingHealthIndicator mongoPingHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    ProcessedMessages processedMessages(MongoTemplate mongo) {
        return new ProcessedMessages(mongo);
    }

    /** The indexes of what every subgraph shares: the consumers' processed-message keys expire (TTL). */
    @Bean
    MongoIndexes supportMongoIndexes(@Value("${shop.messaging.processed-retention:14d}") java.time.Duration retention) {
        return ProcessedMessages.indexes(retention);
    }

    @Bean
    MongoIndexInitializer mongoIndexInitializer(MongoTemplate mongo, ObjectProvider<MongoIndexes> declared,
                                                @Value("${shop.mongo.create-indexes:true}") boolean enabled) {
        return new MongoIndexInitializer(mongo, declared.orderedStream().toList(), enabled);
    }
}
