package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** @override: the overriding subgraph resolves the field, also with @requires. Snapshot tests of the printed plan over {@code supergraphs/override.graphql}. */
class OverridePlanTest {
    private final PlanSupport plans = PlanSupport.load("override.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void overriddenFieldsComeFromTheOverridingSubgraph() {
        assertPlan("""
                { hello posts { title views rating } }
                """, """
                QueryPlan {
                  Sequence {
                    Parallel {
                      Fetch(service: "b") {
                        { hello }
                      }
                      Fetch(service: "a") {
                        { posts { title id __typename } }
                      }
                    }
                    Flatten(path: "posts.@") {
                      Fetch(service: "b") {
                        { ... on Post { id title } } =>
                        { ... on Post { views rating } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void overriddenRootFieldAlone() {
        assertPlan("""
                { hello }
                """, """
                QueryPlan {
                  Fetch(service: "b") {
                    { hello }
                  }
                }
                """);
    }
}
