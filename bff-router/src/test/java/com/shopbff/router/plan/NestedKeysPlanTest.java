package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Nested (list) keys whose inner fields live in another subgraph. Snapshot tests of the printed plan over {@code supergraphs/nested-keys.graphql}. */
class NestedKeysPlanTest {
    private final PlanSupport plans = PlanSupport.load("nested-keys.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void nestedKeyFieldsFromAThirdSubgraphAreFetchedBeforeTheJump() {
        assertPlan("""
                { topProducts { products { name } selected { id } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "catalog") {
                      { topProducts { products { name id __typename } __typename } }
                    }
                    Flatten(path: "topProducts.products.@") {
                      Fetch(service: "link") {
                        { ... on Product { id } } =>
                        { ... on Product { pid } }
                      }
                    }
                    Flatten(path: "topProducts") {
                      Fetch(service: "list") {
                        { ... on ProductList { products { id pid } } } =>
                        { ... on ProductList { selected { id } } }
                      }
                    }
                  }
                }
                """);
    }
}
