package com.shopbff.router.pipeline;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progressive override through a real router: a field at {@code percent(100)} always comes from the overriding
 * subgraph, one at {@code percent(0)} never does, one at {@code percent(25)} sometimes does, from each subgraph's
 * own data.
 */
class ProgressiveOverrideExecutionTest {
    @Test
    void eachRequestResolvesAnOverriddenFieldFromTheSideItsLabelDrawPicked() {
        List<Map<String, Object>> oldRows = List.of(Map.of("id", "p1", "name", "Table", "price", 1, "stock", 1, "rating", 1));
        try (TestSubgraph old = TestSubgraph.builder("""
                type Query { products: [Product!]! }
                type Product { id: ID! name: String price: Int stock: Int rating: Int }
                """).query("products", oldRows).entityTable("Product", "id", oldRows).start();
             TestSubgraph fresh = TestSubgraph.builder("""
                     type Query { _unused: Int }
                     type Product { id: ID! price: Int stock: Int rating: Int }
                     """).entityTable("Product", "id", List.of(Map.of("id", "p1", "price", 2, "stock", 2, "rating", 2))).start();
             Router router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/progressive-override.graphql"), 0)
                     .withSubgraphUrls(Map.of("old", old.url(), "new", fresh.url())))) {
            RouterClient client = new RouterClient(router.port());
            int fromNew = 0;
            int requests = 200;
            for (int i = 0; i < requests; i++) {
                RouterClient.Result r = client.post("{ products { stock rating price } }");
                assertEquals(2, ((Number) r.at("data.products.0.stock")).intValue(), "percent(100): always the new side");
                assertEquals(1, ((Number) r.at("data.products.0.rating")).intValue(), "percent(0): never the new side");
                if (((Number) r.at("data.products.0.price")).intValue() == 2) fromNew++;
            }
            // 25 % of 200: the probability of falling outside 10..90 is far below one in a billion
            assertTrue(fromNew > 10 && fromNew < 90, "price from the new side in " + fromNew + " of " + requests);
        }
    }
}
