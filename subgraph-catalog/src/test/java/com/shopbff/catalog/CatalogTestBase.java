package com.shopbff.catalog;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one Spring context of the catalog's tests (every test class extends this, so Spring caches it): the real
 * app on a random port against the shared embedded MongoDB-wire server and Kafka broker, with test tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // A write waits for the other instances' search indexes at most search-replica-wait (2 s by default); here
        // longer, so that a slow, loaded machine cannot make SearchAcrossInstancesTest flaky.
        properties = {"spring.config.name=" + CatalogApplication.CONFIG_NAME, "shop.catalog.search-replica-wait=60s"})
@Import(CatalogTestConfiguration.class)
public abstract class CatalogTestBase {
    protected static final String ADMIN = TestTokens.admin("admin-1");
    protected static final String CUSTOMER = TestTokens.customer("customer-1");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> SharedTestInfra.mongo().connectionString());
        registry.add("spring.kafka.bootstrap-servers", () -> SharedTestInfra.kafka().bootstrapServers());
    }

    @LocalServerPort
    protected int port;

    protected String graphqlUrl() {
        return "http://127.0.0.1:" + port + "/graphql";
    }

    protected DocumentContext gql(String query) {
        return gql(query, Map.of(), null);
    }

    protected DocumentContext gql(String query, Map<String, ?> variables) {
        return gql(query, variables, null);
    }

    protected DocumentContext gql(String query, Map<String, ?> variables, String token) {
        return GraphQlClient.onPort(port).post(query, variables, token);
    }

    protected static List<String> errorCodes(DocumentContext response) {
        List<String> codes = response.read("$.errors[*].extensions.code");
        return codes;
    }

    // ----- fixtures through the admin API

    protected String createCategory(String name) {
        DocumentContext r = gql("mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id } userErrors { code } } }",
                Map.of("i", Map.of("name", name)), ADMIN);
        String id = r.read("$.data.createCategory.category.id");
        if (id == null) throw new AssertionError(r.jsonString());
        return id;
    }

    protected String createProduct(String categoryId, String name, String price, int stock) {
        DocumentContext r = gql("mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id } userErrors { code message field } } }",
                Map.of("i", Map.of("name", name, "description", "test", "categoryId", categoryId, "price", price, "stock", stock)), ADMIN);
        String id = r.read("$.data.createProduct.product.id");
        if (id == null) throw new AssertionError(r.jsonString());
        return id;
    }

    protected static String tag() {
        return "t" + Long.toString(System.nanoTime() % 2_176_782_336L, 36) + Integer.toString((int) (Math.random() * 1000), 36);
    }
}
