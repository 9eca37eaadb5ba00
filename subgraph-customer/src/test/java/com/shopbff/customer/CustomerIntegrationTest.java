package com.shopbff.customer;

import com.shopbff.support.testing.GraphQlClient;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.Topics;
import com.shopbff.embedded.SharedTestInfra;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One Spring context for every integration test of the module (same configuration, so Spring caches it): the
 * embedded MongoDB-wire server and Kafka broker of the test JVM, and a real OpenID Connect provider
 * (mock-oauth2-server) configured as sign-in provider {@code mock}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + CustomerApplication.CONFIG_NAME)
@Import(CustomerIntegrationTest.QueryCounting.class)
public abstract class CustomerIntegrationTest {
    public static final String OIDC_ISSUER_ID = "shop-idp";
    public static final String OIDC_CLIENT_ID = "shop-client";
    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "admin12345";
    protected static final String PASSWORD = "correct-horse-9";
    protected static final String SESSION = "session { accessToken refreshToken expiresAt } customer { id email name role } userErrors { code field message }";

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static MockOAuth2Server oidcServer;
    private static FakeYandexId yandex;

    static synchronized FakeYandexId yandex() {
        if (yandex == null) {
            try {
                yandex = new FakeYandexId();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return yandex;
    }

    static synchronized MockOAuth2Server oidcServer() {
        if (oidcServer == null) {
            oidcServer = new MockOAuth2Server();
            oidcServer.start();
        }
        return oidcServer;
    }

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> SharedTestInfra.mongo().connectionString());
        registry.add("spring.kafka.bootstrap-servers", () -> SharedTestInfra.kafka().bootstrapServers());
        registry.add("shop.oidc.providers[0].id", () -> "mock");
        registry.add("shop.oidc.providers[0].name", () -> "Mock IdP");
        registry.add("shop.oidc.providers[0].issuer", () -> oidcServer().issuerUrl(OIDC_ISSUER_ID).toString());
        registry.add("shop.oidc.providers[0].client-id", () -> OIDC_CLIENT_ID);
        registry.add("shop.oidc.providers[0].client-secret", () -> "secret");
        registry.add("shop.oidc.providers[1].id", () -> "yandex");
        registry.add("shop.oidc.providers[1].name", () -> "Yandex ID");
        registry.add("shop.oidc.providers[1].type", () -> "yandex");
        registry.add("shop.oidc.providers[1].client-id", () -> FakeYandexId.CLIENT_ID);
        registry.add("shop.oidc.providers[1].client-secret", () -> FakeYandexId.CLIENT_SECRET);
        registry.add("shop.oidc.providers[1].authorization-uri", () -> yandex().base() + "/authorize");
        registry.add("shop.oidc.providers[1].token-uri", () -> yandex().base() + "/token");
        registry.add("shop.oidc.providers[1].user-info-uri", () -> yandex().base() + "/info?format=json");
        registry.add("shop.admin.email", () -> ADMIN_EMAIL);
        registry.add("shop.admin.password", () -> ADMIN_PASSWORD);
        // privacy requests: a silent subgraph is asked again after a second (then two, four...)
        registry.add("shop.privacy.resend-after", () -> "1s");
        registry.add("shop.privacy.sweep-interval", () -> "500ms");
    }

    /** Counts the MongoDB commands per collection, to prove batching. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class QueryCounting {
        /** The filter (as JSON) of every find command on {@code customers}, from any thread (sweeps included). */
        public static final List<String> CUSTOMER_FINDS = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        MongoClientSettingsBuilderCustomizer countFinds() {
            return builder -> builder.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (event.getCommandName().equals("find") && event.getCommand().getString("find").getValue().equals("customers")) {
                        var filter = event.getCommand().get("filter");
                        CUSTOMER_FINDS.add(filter == null ? "{}" : filter.toString());
                    }
                }
            });
        }
    }

    @LocalServerPort
    protected int port;

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected DocumentContext gql(String query) {
        return gql(query, Map.of(), null, Map.of());
    }

    protected DocumentContext gql(String query, Map<String, Object> variables) {
        return gql(query, variables, null, Map.of());
    }

    protected DocumentContext gql(String query, Map<String, Object> variables, String token) {
        return gql(query, variables, token, Map.of());
    }

    protected DocumentContext gql(String query, Map<String, Object> variables, String token, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putIfAbsent("Accept", "application/graphql-response+json, application/json");
        return GraphQlClient.onPort(port).post(query, variables, token, all);
    }

    protected static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The extensions.code values of a response's errors. */
    protected static List<String> codes(DocumentContext response) {
        try {
            List<String> codes = response.read("$.errors[*].extensions.code");
            return codes;
        } catch (com.jayway.jsonpath.PathNotFoundException e) {
            return List.of();
        }
    }

    protected static String uniqueEmail(String who) {
        return who + "." + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
    }

    /** A freshly signed-up customer. */
    protected record Account(String id, String email, String accessToken, String refreshToken) {}

    protected Account signUp(String who) {
        String email = uniqueEmail(who);
        DocumentContext r = gql("mutation($i: SignUpInput!) { signUp(input: $i) { " + SESSION + " } }",
                Map.of("i", Map.of("email", email, "password", PASSWORD, "name", who)));
        String id = r.read("$.data.signUp.customer.id");
        if (id == null) throw new AssertionError("sign-up failed: " + r.jsonString());
        return new Account(id, email, r.read("$.data.signUp.session.accessToken"), r.read("$.data.signUp.session.refreshToken"));
    }

    protected String adminToken() {
        DocumentContext r = gql("mutation($i: SignInInput!) { signIn(input: $i) { " + SESSION + " } }",
                Map.of("i", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)),
                null, Map.of("X-Forwarded-For", "192.0.2.1"));
        String token = r.read("$.data.signIn.session.accessToken");
        if (token == null) throw new AssertionError("admin sign-in failed: " + r.jsonString());
        return token;
    }

    /** Waits (with a deadline) for a message on customer.events with this key that matches, reading from the start. */
    protected static Envelope<?> awaitCustomerEvent(String customerId, Predicate<Envelope<?>> matches) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "customer-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.CUSTOMER_EVENTS));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (!customerId.equals(record.key())) continue;
                    Envelope<?> envelope = MessageCodec.decode(record.value());
                    seen.add(envelope.type());
                    if (matches.test(envelope)) return envelope;
                }
            }
        }
        throw new AssertionError("no matching customer.events message for " + customerId + "; saw " + seen);
    }
}
