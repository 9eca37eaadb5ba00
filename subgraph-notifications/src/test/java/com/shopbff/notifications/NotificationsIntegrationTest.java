package com.shopbff.notifications;

import com.shopbff.support.testing.GraphQlClient;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.OrderEvent;
import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import com.shopbff.support.testing.TestTokensConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one Spring context of this module's integration tests (shared, so Spring caches it): the application on a
 * random port against the JVM's embedded MongoDB-wire server, real Kafka broker and a GreenMail SMTP server, with
 * test tokens and short delivery backoffs. Tests isolate by fresh customer and order ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + NotificationsApplication.CONFIG_NAME,
        "shop.notifications.delivery.initial-backoff=100ms",
        "shop.notifications.delivery.poll-interval=PT0.1S",
        "shop.notifications.outbox-interval=PT0.2S"})
@Import(TestTokensConfiguration.class)
abstract class NotificationsIntegrationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> SharedTestInfra.mongo().connectionString());
        registry.add("spring.kafka.bootstrap-servers", () -> SharedTestInfra.kafka().bootstrapServers());
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestSmtp::port);
    }

    @LocalServerPort
    int port;

    @Autowired
    MessagePublisher publisher;

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    DocumentContext graphql(String query, String token) {
        return graphql(query, Map.of(), token);
    }

    DocumentContext graphql(String query, Map<String, Object> variables, String token) {
        return GraphQlClient.onPort(port).post(query, variables, token);
    }

    /** Publishes a message as its producer would and returns the envelope (its event id is the notification id). */
    <T extends Message> Envelope<T> publish(String topic, T message) {
        return publish(topic, Envelope.of(message));
    }

    <T extends Message> Envelope<T> publish(String topic, Envelope<T> envelope) {
        publisher.publishRawAndWait(topic, envelope.key(), MessageCodec.encode(envelope), 10_000);
        return envelope;
    }

    static OrderEvent.OrderStatusChanged orderStatus(String orderId, String number, String customerId, String status) {
        return new OrderEvent.OrderStatusChanged(orderId, number, customerId, status, "PENDING", Instant.now(), null, 1750, "USD", 2);
    }

    static String customerToken(String customerId) {
        return TestTokens.customer(customerId);
    }
}
