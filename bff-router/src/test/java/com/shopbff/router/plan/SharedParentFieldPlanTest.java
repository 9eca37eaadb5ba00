package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A @shareable field whose sub-selection no single subgraph can resolve. Snapshot tests of the printed plan over {@code supergraphs/shared-parent.graphql}. */
class SharedParentFieldPlanTest {
    private final PlanSupport plans = PlanSupport.load("shared-parent.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void sharedFieldIsSplitAcrossSubgraphsWhenNoneResolvesTheWholeSelection() {
        assertPlan("""
                { item(id: "1") { title shelf { code label note } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "catalog") {
                      { item(id: "1") { title id __typename } }
                    }
                    Parallel {
                      Flatten(path: "item") {
                        Fetch(service: "details") {
                          { ... on Item { id } } =>
                          { ... on Item { shelf { note } } }
                        }
                      }
                      Flatten(path: "item") {
                        Fetch(service: "shelves") {
                          { ... on Item { id } } =>
                          { ... on Item { shelf { code __typename } } }
                        }
                      }
                    }
                    Flatten(path: "item.shelf") {
                      Fetch(service: "taxonomy") {
                        { ... on Shelf { code } } =>
                        { ... on Shelf { label } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void sharedFieldStaysInOneSubgraphWhenThatSuffices() {
        assertPlan("""
                { item(id: "1") { shelf { note } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "catalog") {
                      { item(id: "1") { id __typename } }
                    }
                    Flatten(path: "item") {
                      Fetch(service: "details") {
                        { ... on Item { id } } =>
                        { ... on Item { shelf { note } } }
                      }
                    }
                  }
                }
                """);
    }
}
