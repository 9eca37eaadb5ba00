package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** @shareable: pick the subgraph that avoids jumps. Snapshot tests of the printed plan over {@code supergraphs/shareable.graphql}. */
class ShareablePlanTest {
    private final PlanSupport plans = PlanSupport.load("shareable.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void sharedRootFieldGoesToTheSubgraphThatResolvesEverything() {
        assertPlan("""
                { feed { title likes } }
                """, """
                QueryPlan {
                  Fetch(service: "b") {
                    { feed { title likes } }
                  }
                }
                """);
    }

    @Test
    void sharedRootFieldPrefersTheOtherSubgraphWhenThatAvoidsAJump() {
        assertPlan("""
                { feed { title author } }
                """, """
                QueryPlan {
                  Fetch(service: "a") {
                    { feed { title author } }
                  }
                }
                """);
    }

    @Test
    void valueTypeFieldsOnlyOneSubgraphHasPickThatSubgraph() {
        assertPlan("""
                { viewer { name theme } }
                """, """
                QueryPlan {
                  Fetch(service: "b") {
                    { viewer { name theme } }
                  }
                }
                """);
    }

    @Test
    void fieldsFromBothSubgraphsNeedOneJump() {
        assertPlan("""
                { feed { likes author } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "a") {
                      { feed { author id __typename } }
                    }
                    Flatten(path: "feed.@") {
                      Fetch(service: "b") {
                        { ... on Post { id } } =>
                        { ... on Post { likes } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void sharedRootValueTypeIsFetchedFromEachSubgraphThatHasPartsOfIt() {
        assertPlan("""
                { viewer { name locale theme } }
                """, """
                QueryPlan {
                  Parallel {
                    Fetch(service: "a") {
                      { viewer { name locale } }
                    }
                    Fetch(service: "b") {
                      { viewer { theme } }
                    }
                  }
                }
                """);
    }
}
