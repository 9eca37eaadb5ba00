package com.shopbff.router.edge;

import com.shopbff.router.edge.cost.CostConfig;
import com.shopbff.router.support.RouterClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Static cost estimates from the supergraph's {@code @cost} and {@code @listSize} (IBM cost spec as Apollo and Hive
 * apply it), reported on request, and refusal over the maximum before any subgraph is called.
 */
class CostLimitTest {
    static EdgeStack stack;

    @BeforeAll
    static void start() {
        stack = new EdgeStack(EdgeConfig.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static Object cost(String query) {
        RouterClient.Result r = stack.client.postJson("{\"query\":" + com.shopbff.router.json.Json.writeString(query)
                + ",\"extensions\":{\"cost\":true}}", Map.of());
        assertEquals(200, r.status(), r.body());
        return r.at("extensions.cost.estimated");
    }

    @Test
    void listsAreMultipliedByTheirSlicingArgumentOrItsDefault() {
        assertEquals(3L, ((Number) cost("{ products(first: 3) { id name } }")).longValue());
        assertEquals(5L, ((Number) cost("{ products { id } }")).longValue(), "the argument's default, 5");
    }

    @Test
    void sizedFieldsTakeTheSizeOfAConnectionAndAssumedSizeAppliesWithoutSlicingArgument() {
        // productPage 1 + items 4 × (Product 1 + price @cost(weight: 2))
        assertEquals(13L, ((Number) cost("{ productPage(first: 4) { items { id price } total } }")).longValue());
        assertEquals(21L, ((Number) cost("{ productPage { items { id } } }")).longValue(), "assumedSize 20");
    }

    @Test
    void costWeightsOnFieldsAndArgumentsAndTheMutationBaseCount() {
        assertEquals(500L, ((Number) cost("{ expensive }")).longValue());
        // search: assumedSize 3 × Product 1, plus the text argument's @cost(weight: 50)
        assertEquals(53L, ((Number) cost("{ search(text: \"x\") { id } }")).longValue());
        assertEquals(3L, ((Number) cost("{ search { id } }")).longValue());
        RouterClient.Result m = stack.client.postJson("{\"query\":\"mutation { rename(id: \\\"1\\\", name: \\\"x\\\") { id } }\","
                + "\"extensions\":{\"cost\":true}}", Map.of("authorization", stack.jwks.bearer("u1", Map.of())));
        assertEquals(11L, ((Number) m.at("extensions.cost.estimated")).longValue(), m.body());
    }

    @Test
    void slicingArgumentsFromVariablesCount() {
        RouterClient.Result r = stack.client.postJson("{\"query\":\"query($n: Int) { products(first: $n) { id } }\","
                + "\"variables\":{\"n\":40},\"extensions\":{\"cost\":true}}", Map.of());
        assertEquals(40L, ((Number) r.at("extensions.cost.estimated")).longValue());
    }

    @Test
    void anOperationOverTheMaximumIsRefusedAndReachesNoSubgraph() {
        int before = stack.upstreamRequests();
        // 100 × (1 + 10 × (1 + 10 × (1 + 10))): related has no @listSize, so the assumed size 10 applies
        RouterClient.Result r = stack.client.postJson("{\"query\":\"{ products(first: 100) { related { related { related { id } } } } }\"}",
                Map.of("accept", "application/graphql-response+json"));
        assertEquals(400, r.status());
        assertEquals("COST_ESTIMATED_TOO_EXPENSIVE", r.at("errors.0.extensions.code"));
        assertEquals(111100L, ((Number) r.at("errors.0.extensions.cost.estimated")).longValue());
        assertEquals(50000L, ((Number) r.at("errors.0.extensions.cost.max")).longValue());
        assertEquals(before, stack.upstreamRequests());
    }

    @Test
    void noCostExtensionUnlessAsked() {
        RouterClient.Result r = stack.client.post("{ products(first: 2) { id } }");
        assertNull(r.at("extensions"));
    }

    @Test
    void measureModeReportsButRunsAndALowerMaximumRefusesSooner() {
        try (EdgeStack measure = new EdgeStack(EdgeConfig.DEFAULTS.withCost(new CostConfig(100, 10, false, true)))) {
            RouterClient.Result r = measure.client.post("{ expensive }");
            assertEquals("{\"data\":{\"expensive\":42},\"extensions\":{\"cost\":{\"estimated\":500,\"max\":100}}}", r.body());
        }
        try (EdgeStack strict = new EdgeStack(EdgeConfig.DEFAULTS.withCost(new CostConfig(100, 10, true, false)))) {
            assertEquals("COST_ESTIMATED_TOO_EXPENSIVE", strict.client.post("{ expensive }").at("errors.0.extensions.code"));
            assertEquals("{\"data\":{\"hello\":\"world\"}}", strict.client.post("{ hello }").body());
            assertEquals(0, strict.shop.requests.stream().filter(q -> String.valueOf(q).contains("expensive")).count());
        }
    }
}
