package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Normalisation seen through plans over {@code supergraphs/entities.graphql}: fragments are inlined, aliases and
 * variables pass through, {@code @skip}/{@code @include} with literals are resolved, on variables they become
 * conditions of one plan for all values (see {@link ConditionPlanTest}), {@code __typename} is answered where it
 * is asked.
 */
class NormalizationPlanTest {
    private final PlanSupport plans = PlanSupport.load("entities.graphql");

    private static final String WITH_REVIEWS = """
            query Q($withReviews: Boolean!, $id: ID!) {
              p: product(id: $id) { ...Basics reviews @include(if: $withReviews) { body } }
            }
            fragment Basics on Product { __typename title: name }
            """;

    @Test
    void aFieldIncludedOnAVariableIsPlannedOnceUnderACondition() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { p: product(id: $id) { __typename title: name id } }
                    }
                    Include(if: $withReviews) {
                      Flatten(path: "p") {
                        Fetch(service: "reviews") {
                          { ... on Product { id } } =>
                          { ... on Product { reviews { body } } }
                        }
                      }
                    }
                  }
                }
                """, plans.plan(WITH_REVIEWS, Map.of("withReviews", true, "id", "1")));
    }

    @Test
    void thePlanIsTheSameWhateverTheConditionsValue() {
        assertEquals(plans.plan(WITH_REVIEWS, Map.of("withReviews", true, "id", "1")),
                plans.plan(WITH_REVIEWS, Map.of("withReviews", false, "id", "1")));
    }

    @Test
    void skipWithALiteralAndNestedFragmentsAreResolved() {
        assertEquals("""
                QueryPlan {
                  Fetch(service: "users") {
                    { me { name } }
                  }
                }
                """, plans.plan("""
                { me { ... on User { ... { name } } id @skip(if: true) } }
                """));
    }

    @Test
    void rootTypenameNeedsNoSubgraph() {
        assertEquals("""
                QueryPlan {
                }
                """, plans.plan("{ __typename t: __typename }"));
    }
}
