package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** @requires whose required field lives in a third place: arguments, nested entity jumps, waiting. Snapshot tests of the printed plan over {@code supergraphs/requires-nested.graphql}. */
class RequiresAcrossSubgraphsPlanTest {
    private final PlanSupport plans = PlanSupport.load("requires-nested.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void requiredFieldFromAnotherSubgraphWaitsForTheEntityFetchesBelowIt() {
        assertPlan("""
                { feed { author { name } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "posts") {
                      { feed { id __typename } }
                    }
                    Flatten(path: "feed.@") {
                      Fetch(service: "authors") {
                        { ... on Post { id } } =>
                        { ... on Post { comments__req_456ab678: comments(limit: 3) { id __typename } } }
                      }
                    }
                    Flatten(path: "feed.@.comments__req_456ab678.@") {
                      Fetch(service: "posts") {
                        { ... on Comment { id } } =>
                        { ... on Comment { authorId } }
                      }
                    }
                    Flatten(path: "feed.@") {
                      Fetch(service: "authors") {
                        { ... on Post { id comments <- comments__req_456ab678 { authorId } } } =>
                        { ... on Post { author { name } } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void clientSelectionOfTheRequiredFieldWithOtherArgumentsStaysSeparate() {
        assertPlan("""
                { feed { comments(limit: 1) { body } author { name } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "posts") {
                      { feed { id __typename } }
                    }
                    Flatten(path: "feed.@") {
                      Fetch(service: "authors") {
                        { ... on Post { id } } =>
                        { ... on Post { comments__req_456ab678: comments(limit: 3) { id __typename } } }
                      }
                    }
                    Flatten(path: "feed.@.comments__req_456ab678.@") {
                      Fetch(service: "posts") {
                        { ... on Comment { id } } =>
                        { ... on Comment { authorId } }
                      }
                    }
                    Flatten(path: "feed.@") {
                      Fetch(service: "authors") {
                        { ... on Post { id comments <- comments__req_456ab678 { authorId } } } =>
                        { ... on Post { comments(limit: 1) { id __typename } author { name } } }
                      }
                    }
                    Flatten(path: "feed.@.comments.@") {
                      Fetch(service: "posts") {
                        { ... on Comment { id } } =>
                        { ... on Comment { body } }
                      }
                    }
                  }
                }
                """);
    }
}
