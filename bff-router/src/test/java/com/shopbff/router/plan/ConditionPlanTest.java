package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code @skip}/{@code @include} on variables: one plan serves every variable value. A fetch whose fields are all
 * under a condition sits in an {@code Include}/{@code Skip} node (it runs only when needed); conditions inside a
 * fetch go to the subgraph as directives. Snapshot tests over {@code supergraphs/entities.graphql}.
 */
class ConditionPlanTest {
    private final PlanSupport plans = PlanSupport.load("entities.graphql");

    @Test
    void aConditionalRootFieldOfItsOwnSubgraphIsFetchedUnderAnIncludeNode() {
        assertEquals("""
                QueryPlan {
                  Parallel {
                    Fetch(service: "products") {
                      { products { name } }
                    }
                    Include(if: $withMe) {
                      Fetch(service: "users") {
                        { me { name } }
                      }
                    }
                  }
                }
                """, plans.plan("""
                query($withMe: Boolean!) { products { name } me @include(if: $withMe) { name } }
                """));
    }

    @Test
    void anEntityFetchServingOnlySkippedFieldsSitsInASkipNode() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { products { name id __typename } }
                    }
                    Skip(if: $brief) {
                      Flatten(path: "products.@") {
                        Fetch(service: "reviews") {
                          { ... on Product { id } } =>
                          { ... on Product { reviews { body } } }
                        }
                      }
                    }
                  }
                }
                """, plans.plan("""
                query($brief: Boolean!) { products { name reviews @skip(if: $brief) { body } } }
                """));
    }

    @Test
    void conditionsInsideAFetchGoToTheSubgraphAsDirectives() {
        assertEquals("""
                QueryPlan {
                  Fetch(service: "products") {
                    { products { name price @include(if: $withPrice) } }
                  }
                }
                """, plans.plan("""
                query($withPrice: Boolean!) { products { name price @include(if: $withPrice) } }
                """));
    }

    @Test
    void nestedConditionsNestTheirNodes() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Include(if: $a) {
                      Fetch(service: "products") {
                        { products { name id __typename } }
                      }
                    }
                    Include(if: $a) {
                      Include(if: $b) {
                        Flatten(path: "products.@") {
                          Fetch(service: "reviews") {
                            { ... on Product { id } } =>
                            { ... on Product { reviews { body author { id __typename } } } }
                          }
                        }
                      }
                    }
                    Include(if: $a) {
                      Include(if: $b) {
                        Flatten(path: "products.@.reviews.@.author") {
                          Fetch(service: "users") {
                            { ... on User { id } } =>
                            { ... on User { name } }
                          }
                        }
                      }
                    }
                  }
                }
                """, plans.plan("""
                query($a: Boolean!, $b: Boolean!) {
                  products @include(if: $a) { name reviews @include(if: $b) { body author { name } } }
                }
                """));
    }

    @Test
    void aFieldSelectedOnceUnconditionallyIsFetchedWhateverTheCondition() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { products { id __typename } }
                    }
                    Flatten(path: "products.@") {
                      Fetch(service: "reviews") {
                        { ... on Product { id } } =>
                        { ... on Product { reviews { body @include(if: $a) id } } }
                      }
                    }
                  }
                }
                """, plans.plan("""
                query($a: Boolean!) { products { reviews @include(if: $a) { body } ... { reviews { id } } } }
                """));
    }

    @Test
    void aFieldUnderTwoDifferentConditionsIsFetchedWhenEitherHolds() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { products { id __typename } }
                    }
                    Flatten(path: "products.@") {
                      Fetch(service: "reviews") {
                        { ... on Product { id } } =>
                        { ... on Product { reviews { body @include(if: $a) id @include(if: $b) } } }
                      }
                    }
                  }
                }
                """, plans.plan("""
                query($a: Boolean!, $b: Boolean!) {
                  products { ... @include(if: $a) { reviews { body } } ... @include(if: $b) { reviews { id } } }
                }
                """));
    }
}
