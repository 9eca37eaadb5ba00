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

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Condition nodes and {@code @skip}/{@code @include} on variables against real HTTP subgraphs: one cached plan
 * serves both values, a fetch under a condition that does not hold is never sent, conditions inside a fetch reach
 * the subgraph as directives, and the response has exactly the included fields (variable defaults count).
 */
class ConditionExecutionTest {
    static TestSubgraph products;
    static TestSubgraph reviews;
    static TestSubgraph users;
    static Router router;
    static RouterClient client;

    static final List<Map<String, Object>> PRODUCTS = List.of(
            Map.of("id", "p1", "sku", "S1", "package", "box", "name", "Table", "price", 100),
            Map.of("id", "p2", "sku", "S2", "package", "bag", "name", "Chair", "price", 50));

    @BeforeAll
    static void start() {
        products = TestSubgraph.builder("""
                type Query { products: [Product!]! }
                type Product { id: ID! sku: String! package: String! name: String price: Int }
                """).query("products", PRODUCTS).entityTable("Product", "id", PRODUCTS).start();
        reviews = TestSubgraph.builder("""
                type Query { topReviews(first: Int): [Review!]! }
                type Review { id: ID! body: String! }
                type Product { id: ID! reviews: [Review!]! }
                """)
                .query("topReviews", List.of())
                .entity("Product", rep -> Map.of("id", rep.get("id"), "reviews",
                        List.of(Map.of("id", "r-" + rep.get("id"), "body", "Nice " + rep.get("id")))))
                .start();
        users = TestSubgraph.builder("""
                type Query { me: User }
                type User { id: ID! name: String! }
                """).query("me", Map.of("id", "u1", "name", "Ada")).start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/entities.graphql"), 0)
                .withSubgraphUrls(Map.of("products", products.url(), "reviews", reviews.url(), "users", users.url(),
                        "inventory", "http://127.0.0.1:1/inventory")));
        client = new RouterClient(router.port());
    }

    @AfterAll
    static void stop() {
        router.close();
        for (TestSubgraph s : List.of(products, reviews, users)) s.close();
    }

    @AfterEach
    void reset() {
        for (TestSubgraph s : List.of(products, reviews, users)) s.requests.clear();
    }

    private static final String ROOT = "query($withMe: Boolean!) { products { name } me @include(if: $withMe) { name } }";

    @Test
    void aRootFetchUnderAFalseConditionIsNeverSent() {
        RouterClient.Result r = client.post(ROOT, Map.of("withMe", false), Map.of());
        assertEquals("{\"data\":{\"products\":[{\"name\":\"Table\"},{\"name\":\"Chair\"}]}}", r.body());
        assertEquals(0, users.requests.size());
        assertEquals(1, products.requests.size());
    }

    @Test
    void theSameOperationWithTheConditionTrueRunsTheFetch() {
        RouterClient.Result r = client.post(ROOT, Map.of("withMe", true), Map.of());
        assertEquals("{\"data\":{\"products\":[{\"name\":\"Table\"},{\"name\":\"Chair\"}],\"me\":{\"name\":\"Ada\"}}}",
                r.body());
        assertEquals(1, users.requests.size());
    }

    @Test
    void anEntityFetchForSkippedFieldsIsNotSentAndTheDefaultValueCounts() {
        String q = "query($brief: Boolean = true) { products { name reviews @skip(if: $brief) { body } } }";
        RouterClient.Result brief = client.post(q, Map.of(), Map.of());
        assertEquals("{\"data\":{\"products\":[{\"name\":\"Table\"},{\"name\":\"Chair\"}]}}", brief.body());
        assertEquals(0, reviews.requests.size());
        RouterClient.Result full = client.post(q, Map.of("brief", false), Map.of());
        assertEquals("{\"data\":{\"products\":[{\"name\":\"Table\",\"reviews\":[{\"body\":\"Nice p1\"}]},"
                + "{\"name\":\"Chair\",\"reviews\":[{\"body\":\"Nice p2\"}]}]}}", full.body());
        assertEquals(1, reviews.requests.size());
    }

    @Test
    void aConditionInsideAFetchReachesTheSubgraphAsADirectiveWithItsVariable() {
        String q = "query($withPrice: Boolean!) { products { name price @include(if: $withPrice) } }";
        RouterClient.Result r = client.post(q, Map.of("withPrice", false), Map.of());
        assertEquals("{\"data\":{\"products\":[{\"name\":\"Table\"},{\"name\":\"Chair\"}]}}", r.body());
        Map<String, Object> sent = products.requests.get(0);
        assertEquals("query($withPrice: Boolean!) { products { name price @include(if: $withPrice) } }", sent.get("query"));
        assertEquals(Map.of("withPrice", false), sent.get("variables"));
    }

    @Test
    void aFieldUnderTwoConditionsIsAnsweredWhenEitherHolds() {
        String q = "query($a: Boolean!, $b: Boolean!) { products { ... @include(if: $a) { name } ... @include(if: $b) { name id } } }";
        assertEquals("{\"data\":{\"products\":[{\"name\":\"Table\"},{\"name\":\"Chair\"}]}}",
                client.post(q, Map.of("a", true, "b", false), Map.of()).body());
        assertEquals("{\"data\":{\"products\":[{\"name\":\"Table\",\"id\":\"p1\"},{\"name\":\"Chair\",\"id\":\"p2\"}]}}",
                client.post(q, Map.of("a", false, "b", true), Map.of()).body());
        assertEquals("{\"data\":{\"products\":[{},{}]}}", client.post(q, Map.of("a", false, "b", false), Map.of()).body());
    }
}
