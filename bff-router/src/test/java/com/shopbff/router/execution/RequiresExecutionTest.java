package com.shopbff.router.execution;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code @requires} chains over real HTTP subgraphs ({@code supergraphs/requires.graphql}). */
class RequiresExecutionTest {
    static TestSubgraph products;
    static TestSubgraph inventory;
    static TestSubgraph shipping;
    static Router router;
    static RouterClient client;

    @BeforeAll
    static void start() {
        products = TestSubgraph.builder("""
                type Query { products: [Product!]! }
                enum Unit { KG LB }
                type Product { id: ID! name: String price: Int weight(unit: Unit!): Float dimensions: Dimensions }
                type Dimensions { size: Int unit: String }
                """)
                .query("products", List.of(Map.of("id", "p1", "name", "Desk", "price", 300, "dimensions", Map.of("size", 2))))
                .fetcher("Product", "weight", env -> "KG".equals(env.getArgument("unit")) ? 10.0 : 22.0)
                .start();
        inventory = TestSubgraph.builder("""
                type Query { _i: Int }
                type Product { id: ID! shippingEstimate: Int }
                """)
                .entity("Product", rep -> Map.of("id", rep.get("id"), "shippingEstimate",
                        // price + 10 per kilogram + size: proves every required value arrived
                        ((Number) rep.get("price")).intValue() / 100 + (int) (10 * ((Number) rep.get("weight")).doubleValue())
                                + ((Number) ((Map<?, ?>) rep.get("dimensions")).get("size")).intValue()))
                .start();
        shipping = TestSubgraph.builder("""
                type Query { _s: Int }
                type Product { id: ID! insuredShipping: Int }
                """)
                .entity("Product", rep -> Map.of("id", rep.get("id"), "insuredShipping",
                        ((Number) rep.get("shippingEstimate")).intValue() * 2))
                .start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/requires.graphql"), 0)
                .withSubgraphUrls(Map.of("products", products.url(), "inventory", inventory.url(), "shipping", shipping.url())));
        client = new RouterClient(router.port());
    }

    @AfterAll
    static void stop() {
        router.close();
        for (TestSubgraph s : List.of(products, inventory, shipping)) s.close();
    }

    @Test
    void requiresChainDeliversRequiredFieldsWithTheirArgumentsEvenWhenTheClientAsksOtherArguments() {
        RouterClient.Result r = client.post("{ products { name weight(unit: LB) shippingEstimate insuredShipping } }");
        // 300/100 + 10*10 (KG, as required) + 2 = 105; insured: 210; the client still sees its LB weight
        assertEquals("""
                {"data":{"products":[{"name":"Desk","weight":22.0,"shippingEstimate":105,"insuredShipping":210}]}}""",
                r.body());
        assertEquals(1, inventory.entityRequests());
        assertEquals(1, shipping.entityRequests());
    }
}
