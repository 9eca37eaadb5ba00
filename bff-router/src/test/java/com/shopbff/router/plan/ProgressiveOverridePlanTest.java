package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Progressive {@code @override(label: "percent(N)")}: while a label is active the overriding subgraph resolves the
 * field, otherwise the overridden one does. Snapshot tests over {@code supergraphs/progressive-override.graphql}
 * (subgraph {@code new} overrides {@code price} from {@code old} at 25 %).
 */
class ProgressiveOverridePlanTest {
    private final PlanSupport plans = PlanSupport.load("progressive-override.graphql");

    @Test
    void withTheLabelInactiveTheOverriddenSubgraphResolvesTheField() {
        assertEquals("""
                QueryPlan {
                  Fetch(service: "old") {
                    { products { name price } }
                  }
                }
                """, plans.planWithLabels("{ products { name price } }", Set.of()));
    }

    @Test
    void withTheLabelActiveTheOverridingSubgraphResolvesTheField() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "old") {
                      { products { name id __typename } }
                    }
                    Flatten(path: "products.@") {
                      Fetch(service: "new") {
                        { ... on Product { id } } =>
                        { ... on Product { price } }
                      }
                    }
                  }
                }
                """, plans.planWithLabels("{ products { name price } }", Set.of("percent(25)")));
    }
}
