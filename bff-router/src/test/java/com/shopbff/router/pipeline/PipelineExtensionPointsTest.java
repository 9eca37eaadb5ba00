package com.shopbff.router.pipeline;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.operation.FieldPath;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pipeline's extension points through a real router and real HTTP subgraphs: a document resolver for stored
 * documents, operation checks that refuse, remove fields (per caller claims) and add response extensions, and the
 * observer's request, plan-cache and subgraph-call hooks (including trace headers injected into subgraph calls).
 */
class PipelineExtensionPointsTest {
    static TestSubgraph products;
    static TestSubgraph users;
    static Router router;
    static RouterClient client;
    static final List<String> events = new CopyOnWriteArrayList<>();

    static final List<Map<String, Object>> PRODUCTS = List.of(
            Map.of("id", "p1", "sku", "S1", "package", "box", "name", "Table", "price", 100),
            Map.of("id", "p2", "sku", "S2", "package", "bag", "name", "Chair", "price", 50));

    /** Stored documents by id, as a trusted-documents resolver would read them from a manifest. */
    static final Map<String, String> STORED = Map.of("topProducts", "query TopProducts { products { name } }");

    static final DocumentResolver STORED_DOCUMENTS = request -> {
        if (request.documentId() == null) return DocumentResolver.QUERY_TEXT.resolve(request);
        String text = STORED.get(request.documentId());
        return text == null ? Rejected.requestError("Unknown document " + request.documentId() + ".",
                "PERSISTED_QUERY_NOT_FOUND") : new DocumentResolver.Found(text);
    };

    /** Refuses operations named Expensive; hides Product.price from callers without the "prices" scope. */
    static final OperationCheck PRICE_SCOPE = ctx -> {
        if ("Expensive".equals(ctx.operation().name())) {
            return Rejected.requestError("The operation is too expensive.", "COST_ESTIMATED_TOO_EXPENSIVE");
        }
        boolean mayPrice = "prices".equals(ctx.request().claims().get("scope"));
        List<OperationCheck.Removal> removals = new ArrayList<>();
        int[] fields = {0};
        ctx.operation().forEachField((path, responsePath, parent, field) -> {
            fields[0]++;
            if (!mayPrice && parent.equals("Product") && field.name().equals("price")) {
                removals.add(new OperationCheck.Removal(path, "Unauthorized field or type", "UNAUTHORIZED_FIELD_OR_TYPE"));
            }
            return true;
        });
        return new OperationCheck.Accepted(removals, Map.of("cost", Map.of("estimated", fields[0])));
    };

    static final RouterObserver OBSERVER = new RouterObserver() {
        @Override
        public RequestObservation requestStarted(GraphQLRequest request) {
            events.add("start");
            return new RequestObservation() {
                @Override
                public void operationResolved(String operationName, String operationType) {
                    events.add("operation " + operationName + " " + operationType);
                }

                @Override
                public void planCache(boolean hit) {
                    events.add(hit ? "plan hit" : "plan miss");
                }

                @Override
                public SubgraphCallObservation subgraphCallStarted(String subgraph) {
                    return new SubgraphCallObservation() {
                        @Override
                        public Map<String, String> outgoingHeaders(Map<String, String> headers) {
                            Map<String, String> h = new HashMap<>(headers);
                            h.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
                            return h;
                        }

                        @Override
                        public void finished(int httpStatus, long durationNanos, Throwable failure) {
                            events.add("call " + subgraph + " " + httpStatus + (durationNanos > 0 ? " timed" : ""));
                        }
                    };
                }

                @Override
                public void finished(Outcome outcome) {
                    events.add("end " + outcome.kind() + " " + outcome.errorCodes());
                }
            };
        }
    };

    @BeforeAll
    static void start() {
        products = TestSubgraph.builder("""
                type Query { products: [Product!]! product(id: ID!): Product }
                type Product { id: ID! sku: String! package: String! name: String price: Int }
                """).query("products", PRODUCTS).entityTable("Product", "id", PRODUCTS).start();
        users = TestSubgraph.builder("""
                type Query { me: User }
                type User { id: ID! name: String! }
                """).query("me", Map.of("id", "u1", "name", "Ada")).start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/entities.graphql"), 0)
                .withSubgraphUrls(Map.of("products", products.url(), "users", users.url(),
                        "reviews", "http://127.0.0.1:1/reviews", "inventory", "http://127.0.0.1:1/inventory"))
                .withExtensions(RouterExtensions.NONE.withDocumentResolver(STORED_DOCUMENTS).withCheck(PRICE_SCOPE)
                        .withObserver(OBSERVER)));
        client = new RouterClient(router.port());
    }

    @AfterAll
    static void stop() {
        router.close();
        products.close();
        users.close();
    }

    @AfterEach
    void reset() {
        products.requests.clear();
        products.headers.clear();
        events.clear();
    }

    private static RouterClient.Result postBody(String json) {
        return client.raw("POST", "/graphql", json, Map.of("content-type", "application/json"));
    }

    @Test
    void aStoredDocumentIsRunByItsId() {
        RouterClient.Result r = postBody("{\"documentId\":\"topProducts\"}");
        assertEquals("""
                {"data":{"products":[{"name":"Table"},{"name":"Chair"}]},"extensions":{"cost":{"estimated":2}}}""", r.body());
    }

    @Test
    void anUnknownDocumentIdIsRefusedWithTheResolversCode() {
        RouterClient.Result r = postBody("{\"documentId\":\"nope\"}");
        assertEquals(200, r.status());
        assertEquals("PERSISTED_QUERY_NOT_FOUND", r.at("errors.0.extensions.code"));
        assertTrue(products.requests.isEmpty());
    }

    @Test
    void aCheckRefusesAnOperationWithItsCodeBeforeAnySubgraphIsCalled() {
        RouterClient.Result r = client.raw("POST", "/graphql", "{\"query\":\"query Expensive { products { name } }\"}",
                Map.of("content-type", "application/json", "accept", "application/graphql-response+json"));
        assertEquals(400, r.status());
        assertEquals("COST_ESTIMATED_TOO_EXPENSIVE", r.at("errors.0.extensions.code"));
        assertTrue(products.requests.isEmpty());
        assertEquals(List.of("start", "operation Expensive query", "end REJECTED [COST_ESTIMATED_TOO_EXPENSIVE]"), events);
    }

    @Test
    void aRemovedFieldAnswersNullWithAnErrorAtItsPathAndIsNeverFetched() {
        RouterClient.Result r = client.post("{ products { name price } }");
        assertEquals("""
                {"errors":[{"message":"Unauthorized field or type","path":["products","@","price"],\
                "extensions":{"code":"UNAUTHORIZED_FIELD_OR_TYPE"}}],"data":{"products":[{"name":"Table","price":null},\
                {"name":"Chair","price":null}]},"extensions":{"cost":{"estimated":3}}}""", r.body());
        assertEquals(1, products.requests.size());
        assertFalse(String.valueOf(products.requests.get(0).get("query")).contains("price"),
                "the subgraph is not asked for the removed field: " + products.requests.get(0));
    }

    @Test
    void callersWithOtherClaimsGetOtherPlansForTheSameOperation() throws Exception {
        OperationPipeline pipeline = router.pipeline();
        String q = "{ products { name price } }";
        GraphQLResponse anonymous = pipeline.execute(GraphQLRequest.of(q, null)).await(10, TimeUnit.SECONDS);
        GraphQLResponse priced = pipeline.execute(new GraphQLRequest(q, null, null, null, null, null, false,
                Map.of("scope", "prices"))).await(10, TimeUnit.SECONDS);
        assertEquals(1, anonymous.errors().size());
        assertEquals(List.of(), priced.errors());
        assertEquals(Map.of("products", List.of(Map.of("name", "Table", "price", 100), Map.of("name", "Chair", "price", 50))),
                priced.body().get("data"));
    }

    @Test
    void theObserverSeesTheRequestItsPlanCacheUseAndEverySubgraphCallAndCanAddTraceHeaders() {
        client.post("query Names { products { name } }");
        client.post("query Names { products { name } }");
        assertEquals(List.of(
                "start", "operation Names query", "plan miss", "call products 200 timed", "end SUCCESS []",
                "start", "operation Names query", "plan hit", "call products 200 timed", "end SUCCESS []"), events);
        assertEquals("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", products.headers.get(0).get("traceparent"));
    }

    @Test
    void aNonNullRemovedFieldPropagatesItsNullToTheParentWithOnlyTheRemovalError() {
        OperationCheck.Accepted removeMe = new OperationCheck.Accepted(List.of(new OperationCheck.Removal(
                FieldPath.parse("Query.me/User.name"), "Unauthorized field or type", "UNAUTHORIZED_FIELD_OR_TYPE")), Map.of());
        try (Router r = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/entities.graphql"), 0)
                .withSubgraphUrls(Map.of("products", products.url(), "users", users.url(),
                        "reviews", "http://127.0.0.1:1/reviews", "inventory", "http://127.0.0.1:1/inventory"))
                .withExtensions(RouterExtensions.NONE.withCheck(ctx -> removeMe)))) {
            RouterClient.Result res = new RouterClient(r.port()).post("{ me { id name } }");
            assertEquals("""
                    {"errors":[{"message":"Unauthorized field or type","path":["me","name"],\
                    "extensions":{"code":"UNAUTHORIZED_FIELD_OR_TYPE"}}],"data":{"me":null}}""", res.body());
        }
    }
}
