package com.shopbff.wallet;

import com.shopbff.support.testing.GraphQlClient;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.support.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one Spring context of this module's tests (every test class extends this, so Spring caches one context):
 * the real application on a random port, the shared embedded MongoDB-wire server and Kafka broker, real ES256 tokens,
 * and a sandbox provider that declines above 5000.00 and fails for 13.13.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + WalletApplication.CONFIG_NAME,
                "shop.wallet.sandbox.decline-above=5000.00",
                "shop.wallet.sandbox.fail-amounts=13.13"})
@Import(WalletTestConfiguration.class)
public abstract class WalletIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> SharedTestInfra.mongo().connectionString());
        registry.add("spring.kafka.bootstrap-servers", () -> SharedTestInfra.kafka().bootstrapServers());
    }

    @LocalServerPort
    protected int port;

    protected static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    protected String post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sends a GraphQL document over HTTP; {@code token} null = anonymous. */
    protected DocumentContext gql(String token, String query, Map<String, Object> variables) throws Exception {
        return GraphQlClient.onPort(port).post(query, variables, token);
    }

    protected DocumentContext gql(String token, String query) throws Exception {
        return gql(token, query, null);
    }

    protected static final String TOP_UP = """
            mutation($i: TopUpInput!) { topUpWallet(input: $i) {
              wallet { customerId balance { amount currency } } userErrors { code field message } } }""";

    protected DocumentContext topUp(String customerId, String amount, String key) throws Exception {
        return gql(TestTokens.customer(customerId), TOP_UP, Map.of("i", Map.of("amount", amount, "idempotencyKey", key)));
    }

    protected String balance(String customerId) throws Exception {
        return gql(TestTokens.customer(customerId), "{ myWallet { balance { amount } } }").read("$.data.myWallet.balance.amount");
    }

    protected int transactionCount(String customerId) throws Exception {
        return gql(TestTokens.customer(customerId), "{ myWallet { transactions { totalCount } } }").read("$.data.myWallet.transactions.totalCount");
    }
}
