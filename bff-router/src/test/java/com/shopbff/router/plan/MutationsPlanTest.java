package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Mutations: root fields executed field by field, in order. Snapshot tests of the printed plan over {@code supergraphs/mutations.graphql}. */
class MutationsPlanTest {
    private final PlanSupport plans = PlanSupport.load("mutations.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void mutationFieldsRunOneAfterAnotherInRequestOrder() {
        assertPlan("""
                mutation { first: add(n: 1) { value } second: double { value history { message } } log(message: "x") { message } third: add(n: 2) { value } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "a") {
                      mutation { first: add(n: 1) { value } second: double { value id __typename } }
                    }
                    Flatten(path: "second") {
                      Fetch(service: "b") {
                        { ... on Counter { id } } =>
                        { ... on Counter { history { message } } }
                      }
                    }
                    Fetch(service: "b") {
                      mutation { log(message: "x") { message } }
                    }
                    Fetch(service: "a") {
                      mutation { third: add(n: 2) { value } }
                    }
                  }
                }
                """);
    }

    @Test
    void consecutiveMutationFieldsOfOneSubgraphShareAFetch() {
        assertPlan("""
                mutation { a: add(n: 1) { value } b: add(n: 2) { value } }
                """, """
                QueryPlan {
                  Fetch(service: "a") {
                    mutation { a: add(n: 1) { value } b: add(n: 2) { value } }
                  }
                }
                """);
    }
}
