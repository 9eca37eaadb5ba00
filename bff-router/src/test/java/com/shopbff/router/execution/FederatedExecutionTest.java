package com.shopbff.router.execution;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The router against real HTTP subgraphs (graphql-java over the JDK HTTP server) for the
 * {@code supergraphs/entities.graphql} federation: products, reviews, users, inventory.
 */
class FederatedExecutionTest {
    static TestSubgraph products;
    static TestSubgraph reviews;
    static TestSubgraph users;
    static TestSubgraph inventory;
    static Router router;
    static RouterClient client;

    static final List<Map<String, Object>> PRODUCTS = List.of(
            Map.of("id", "p1", "sku", "S1", "package", "box", "name", "Table", "price", 100),
            Map.of("id", "p2", "sku", "S2", "package", "bag", "name", "Chair", "price", 50),
            Map.of("id", "p3", "sku", "S3", "package", "box", "name", "Lamp"));

    @BeforeAll
    static void start() {
        products = TestSubgraph.builder("""
                type Query { products: [Product!]! product(id: ID!): Product }
                type Product { id: ID! sku: String! package: String! name: String price: Int }
                """)
                .query("products", PRODUCTS)
                .fetcher("Query", "product", env -> {
                    String id = env.getArgument("id");
                    if (id.equals("broken")) return Map.of("id", "broken", "sku", "X", "package", "x");
                    return PRODUCTS.stream().filter(p -> p.get("id").equals(id)).findFirst().orElse(null);
                })
                .entityTable("Product", "id", PRODUCTS)
                .start();
        reviews = TestSubgraph.builder("""
                type Query { topReviews(first: Int): [Review!]! }
                type Review { id: ID! body: String! product: Product! author: User! }
                type Product { id: ID! reviews: [Review!]! }
                type User { id: ID! }
                """)
                .query("topReviews", List.of(
                        Map.of("id", "r1", "body", "Great", "product", Map.of("id", "p1"), "author", Map.of("id", "u1")),
                        Map.of("id", "r2", "body", "Bad", "product", Map.of("id", "p2"), "author", Map.of("id", "u1"))))
                .entity("Product", rep -> switch (String.valueOf(rep.get("id"))) {
                    case "p1" -> Map.of("id", "p1", "reviews", List.of(
                            Map.of("id", "r1", "body", "Great", "author", Map.of("id", "u1")),
                            Map.of("id", "r3", "body", "Fine", "author", Map.of("id", "u2"))));
                    case "p2" -> Map.of("id", "p2", "reviews", List.of(
                            Map.of("id", "r2", "body", "Bad", "author", Map.of("id", "u1"))));
                    default -> Map.of("id", rep.get("id"), "reviews", List.of());
                })
                .start();
        users = TestSubgraph.builder("""
                type Query { me: User }
                type User { id: ID! name: String! }
                """)
                .query("me", Map.of("id", "u1", "name", "Ada"))
                .entityTable("User", "id", List.of(Map.of("id", "u1", "name", "Ada"), Map.of("id", "u2", "name", "Bob")))
                .start();
        inventory = TestSubgraph.builder("""
                type Query { _unused: Int }
                type Product { sku: String! package: String! inStock: Boolean! }
                """)
                .entity("Product", rep -> Map.of("sku", rep.get("sku"), "package", rep.get("package"),
                        "inStock", "box".equals(rep.get("package"))))
                .start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/entities.graphql"), 0)
                .withSubgraphUrls(Map.of("products", products.url(), "reviews", reviews.url(), "users", users.url(),
                        "inventory", inventory.url()))
                .withSubgraphTimeout(Duration.ofMillis(1500)));
        client = new RouterClient(router.port());
    }

    @AfterAll
    static void stop() {
        router.close();
        for (TestSubgraph s : List.of(products, reviews, users, inventory)) s.close();
    }

    @AfterEach
    void reset() {
        for (TestSubgraph s : List.of(products, reviews, users, inventory)) {
            s.requests.clear();
            s.headers.clear();
            s.failWith(200);
            s.delay(0);
        }
    }

    @Test
    void nestedEntitiesAreJoinedWithOneEntitiesRequestPerFlattenAndDeduplicatedRepresentations() {
        RouterClient.Result r = client.post("{ products { name reviews { body author { name } } } }");
        assertEquals(200, r.status());
        assertEquals("""
                {"data":{"products":[{"name":"Table","reviews":[{"body":"Great","author":{"name":"Ada"}},\
                {"body":"Fine","author":{"name":"Bob"}}]},{"name":"Chair","reviews":[{"body":"Bad","author":\
                {"name":"Ada"}}]},{"name":"Lamp","reviews":[]}]}}""", r.body());
        assertEquals(1, reviews.entityRequests());
        assertEquals(1, users.entityRequests());
        @SuppressWarnings("unchecked")
        List<Object> reps = (List<Object>) ((Map<String, Object>) users.requests.get(0).get("variables")).get("representations");
        assertEquals(2, reps.size(), "u1 appears twice but is sent once: " + reps);
    }

    @Test
    void identicalEntityFetchesOfOneParallelStageShareOneRequest() {
        // two Flatten nodes (topReviews.@.author and t2.@.author) send the same users fetch: one request
        RouterClient.Result r = client.post("{ topReviews { author { name } } t2: topReviews(first: 1) { body author { name } } }");
        assertEquals("""
                {"data":{"topReviews":[{"author":{"name":"Ada"}},{"author":{"name":"Ada"}}],\
                "t2":[{"body":"Great","author":{"name":"Ada"}},{"body":"Bad","author":{"name":"Ada"}}]}}""", r.body());
        assertEquals(1, users.entityRequests());
        @SuppressWarnings("unchecked")
        List<Object> reps = (List<Object>) ((Map<String, Object>) users.requests.get(0).get("variables")).get("representations");
        assertEquals(1, reps.size(), "u1 at four paths is sent once: " + reps);
    }

    @Test
    void failedSharedEntityFetchReportsAnErrorAtEachMergedPath() {
        users.failWith(500);
        RouterClient.Result r = client.post("{ topReviews { author { name } } t2: topReviews(first: 1) { body author { name } } }");
        assertEquals(200, r.status());
        assertEquals("SUBREQUEST_HTTP_ERROR", r.at("errors.0.extensions.code"));
        assertEquals(List.of("topReviews", 0, "author"), r.at("errors.0.path"));
        assertEquals(List.of("t2", 0, "author"), r.at("errors.1.path"));
    }

    @Test
    void responseHasOnlyRequestedFieldsInRequestOrderUnderAliases() {
        RouterClient.Result r = client.post("""
                query Q($id: ID!) { p: product(id: $id) { __typename title: name n2: name id } me { who: name } }""",
                Map.of("id", "p2"), Map.of());
        assertEquals("""
                {"data":{"p":{"__typename":"Product","title":"Chair","n2":"Chair","id":"p2"},"me":{"who":"Ada"}}}""",
                r.body());
    }

    @Test
    void clientAliasNamedLikeAKeyFieldStillJoinsByTheRealKey() {
        RouterClient.Result r = client.post("{ products { id: name reviews { body } } }");
        assertEquals("""
                {"data":{"products":[{"id":"Table","reviews":[{"body":"Great"},{"body":"Fine"}]},\
                {"id":"Chair","reviews":[{"body":"Bad"}]},{"id":"Lamp","reviews":[]}]}}""", r.body());
    }

    @Test
    void compositeKeyIsFetchedFromAnotherSubgraphBeforeTheJump() {
        RouterClient.Result r = client.post("{ topReviews { product { name inStock } } }");
        assertEquals("""
                {"data":{"topReviews":[{"product":{"name":"Table","inStock":true}},\
                {"product":{"name":"Chair","inStock":false}}]}}""", r.body());
    }

    @Test
    void nullInANonNullFieldBubblesToTheNearestNullableParentWithAnError() {
        RouterClient.Result r = client.post("{ product(id: \"broken\") { id name inStock } }");
        assertEquals(200, r.status());
        assertNull(r.at("data.product"));
        assertEquals(List.of("product", "name"), r.at("errors.0.path"));
    }

    @Test
    void downSubgraphYieldsPartialDataAndAnErrorWithThePath() {
        reviews.failWith(500);
        RouterClient.Result r = client.post("{ product(id: \"p1\") { name reviews { body } } me { name } }");
        assertEquals(200, r.status());
        assertEquals("Ada", r.at("data.me.name"));
        assertNull(r.at("data.product"), "reviews is non-null, so the product is null");
        assertEquals(List.of("product"), r.at("errors.0.path"));
        assertEquals("SUBREQUEST_HTTP_ERROR", r.at("errors.0.extensions.code"));
    }

    @Test
    void slowSubgraphTimesOutIntoAnErrorNotA500() {
        users.delay(3000);
        RouterClient.Result r = client.post("{ me { name } products { name } }");
        assertEquals(200, r.status());
        assertNull(r.at("data.me"));
        assertEquals("Table", r.at("data.products.0.name"));
        assertEquals("SUBREQUEST_TIMEOUT", r.at("errors.0.extensions.code"));
        assertEquals(List.of("me"), r.at("errors.0.path"));
    }

    @Test
    void authorizationTraceparentAndForwardedForReachTheSubgraphs() {
        client.post("{ products { name reviews { body } } }", null, Map.of("authorization", "Bearer abc",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "x-forwarded-for", "10.0.0.1"));
        for (TestSubgraph s : List.of(products, reviews)) {
            Map<String, String> h = s.headers.get(0);
            assertEquals("Bearer abc", h.get("authorization"));
            assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", h.get("traceparent"));
            assertEquals("10.0.0.1, 127.0.0.1", h.get("x-forwarded-for"));
        }
    }

    @Test
    void subgraphErrorsAreRepathedToTheClientPath() {
        RouterClient.Result r = client.post("{ product(id: \"p1\") { name reviews { author { name } } } }");
        assertEquals("Ada", r.at("data.product.reviews.0.author.name"));
        assertNull(r.at("errors"));
    }

    @Test
    void introspectionIsAnsweredFromTheApiSchemaWithoutInaccessibleFields() {
        RouterClient.Result r = client.post("{ __type(name: \"User\") { fields { name } } __typename }");
        assertEquals("""
                {"data":{"__type":{"fields":[{"name":"id"},{"name":"name"}]},"__typename":"Query"}}""", r.body());
        assertTrue(users.requests.isEmpty());
    }
}
