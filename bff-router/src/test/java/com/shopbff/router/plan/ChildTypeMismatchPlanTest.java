package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fields whose subgraph types differ between sibling type conditions (join__field type). Snapshot tests of the printed plan over {@code supergraphs/mismatch.graphql}. */
class ChildTypeMismatchPlanTest {
    private final PlanSupport plans = PlanSupport.load("mismatch.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void sameKeyWithDifferentSubgraphTypesInSiblingFragmentsIsAliased() {
        assertPlan("""
                { members { ... on Author { code name } ... on Guest { code name } } }
                """, """
                QueryPlan {
                  Fetch(service: "people") {
                    { members { __typename ... on Author { code name } ... on Guest { code__alias_0: code name } } }
                  }
                }
                """);
    }

    @Test
    void aliasingAppliesAtEveryNestingLevel() {
        assertPlan("""
                { members { ... on Author { code friends { ... on Author { code } ... on Guest { code } } } ... on Guest { code } } }
                """, """
                QueryPlan {
                  Fetch(service: "people") {
                    { members { __typename ... on Author { code friends { __typename ... on Author { code } ... on Guest { code__alias_0: code } } } ... on Guest { code__alias_0: code } } }
                  }
                }
                """);
    }

    @Test
    void sameTypesNeedNoAlias() {
        assertPlan("""
                { members { ... on Author { name } ... on Guest { name } } }
                """, """
                QueryPlan {
                  Fetch(service: "people") {
                    { members { __typename ... on Author { name } ... on Guest { name } } }
                  }
                }
                """);
    }
}
