package com.shopbff.router.execution;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.json.Json;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code @defer} against real HTTP subgraphs: with {@code Accept: multipart/mixed} the router answers in parts
 * (initial payload without the deferred fields, then one incremental payload per fragment with its path and
 * label, the last with {@code hasNext: false}); without it, everything comes in one JSON body.
 */
class DeferExecutionTest {
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
                type Review { id: ID! body: String! author: User! }
                type Product { id: ID! reviews: [Review!]! }
                type User { id: ID! }
                """)
                .query("topReviews", List.of())
                .entity("Product", rep -> Map.of("id", rep.get("id"), "reviews",
                        List.of(Map.of("id", "r-" + rep.get("id"), "body", "Nice " + rep.get("id"),
                                "author", Map.of("id", "u1")))))
                .start();
        users = TestSubgraph.builder("""
                type Query { me: User }
                type User { id: ID! name: String! }
                """)
                .query("me", Map.of("id", "u1", "name", "Ada"))
                .entityTable("User", "id", List.of(Map.of("id", "u1", "name", "Ada")))
                .start();
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

    private static RouterClient.Result post(String query, boolean multipart) {
        String body = Json.writeString(Map.of("query", query));
        return client.raw("POST", "/graphql", body, multipart
                ? Map.of("content-type", "application/json", "accept", "multipart/mixed;deferSpec=20220824, application/json")
                : Map.of("content-type", "application/json"));
    }

    /** The JSON payloads of a multipart/mixed body, in order; the body must end with the closing boundary. */
    private static List<String> parts(String body) {
        assertTrue(body.endsWith("\r\n--graphql--\r\n"), "closing boundary: " + body);
        List<String> out = new ArrayList<>();
        for (String part : body.substring(0, body.length() - "\r\n--graphql--\r\n".length()).split("\r\n--graphql\r\n")) {
            if (part.isEmpty()) continue;
            int start = part.indexOf("\r\n\r\n");
            assertTrue(part.substring(0, start).toLowerCase().contains("content-type: application/json"), part);
            out.add(part.substring(start + 4));
        }
        return out;
    }

    private static final String QUERY = "{ products { name ... @defer(label: \"reviews\") { reviews { body } } } }";

    @Test
    void withMultipartTheInitialPayloadComesFirstAndEachFragmentFollowsWithItsPathAndLabel() {
        RouterClient.Result r = post(QUERY, true);
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("multipart/mixed"), r.contentType());
        assertTrue(r.contentType().contains("boundary=\"graphql\""), r.contentType());
        assertEquals(List.of(
                "{\"data\":{\"products\":[{\"name\":\"Table\"},{\"name\":\"Chair\"}]},\"hasNext\":true}",
                "{\"incremental\":[{\"data\":{\"reviews\":[{\"body\":\"Nice p1\"}]},\"path\":[\"products\",0],\"label\":\"reviews\"},"
                        + "{\"data\":{\"reviews\":[{\"body\":\"Nice p2\"}]},\"path\":[\"products\",1],\"label\":\"reviews\"}],"
                        + "\"hasNext\":false}"), parts(r.body()));
        assertEquals(1, reviews.requests.size());
    }

    @Test
    void withoutMultipartEverythingComesInOneBody() {
        RouterClient.Result r = post(QUERY, false);
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals("{\"data\":{\"products\":[{\"name\":\"Table\",\"reviews\":[{\"body\":\"Nice p1\"}]},"
                + "{\"name\":\"Chair\",\"reviews\":[{\"body\":\"Nice p2\"}]}]}}", r.body());
    }

    @Test
    void nestedFragmentsArriveAfterTheirParentAndARootFragmentHasAnEmptyPath() {
        RouterClient.Result r = post("""
                { products { name ... @defer(label: "outer") { reviews { body ... @defer(label: "inner") { author { name } } } } }
                  ... @defer(label: "me") { me { name } } }""", true);
        List<String> parts = parts(r.body());
        assertEquals(4, parts.size(), String.join("\n", parts));
        assertEquals("{\"data\":{\"products\":[{\"name\":\"Table\"},{\"name\":\"Chair\"}]},\"hasNext\":true}", parts.get(0));
        // fragments come level by level: the root's, then those inside products, then those inside reviews
        assertEquals("{\"incremental\":[{\"data\":{\"me\":{\"name\":\"Ada\"}},\"path\":[],\"label\":\"me\"}],"
                + "\"hasNext\":true}", parts.get(1));
        assertTrue(parts.get(2).contains("\"label\":\"outer\"") && parts.get(2).contains("\"hasNext\":true"), parts.get(2));
        assertEquals("{\"incremental\":[{\"data\":{\"author\":{\"name\":\"Ada\"}},\"path\":[\"products\",0,\"reviews\",0],"
                + "\"label\":\"inner\"},{\"data\":{\"author\":{\"name\":\"Ada\"}},\"path\":[\"products\",1,\"reviews\",0],"
                + "\"label\":\"inner\"}],\"hasNext\":false}", parts.get(3));
    }

    @Test
    void aFailingDeferredFetchReportsItsErrorInTheFragmentsPayload() {
        reviews.failWith(500);
        try {
            List<String> parts = parts(post(QUERY, true).body());
            assertEquals(2, parts.size());
            assertTrue(parts.get(0).startsWith("{\"data\":{\"products\":"), parts.get(0));
            Map<?, ?> last = (Map<?, ?>) Json.parse(parts.get(1));
            assertEquals(false, last.get("hasNext"));
            assertTrue(String.valueOf(last).contains("SUBREQUEST_HTTP_ERROR"), parts.get(1));
        } finally {
            reviews.failWith(200);
        }
    }
}
