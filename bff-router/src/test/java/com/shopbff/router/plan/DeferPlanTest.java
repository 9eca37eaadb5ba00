package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code @defer}: the fields of a deferred fragment are fetched by their own fetches, after the initial ones
 * (by key from the same subgraph when it resolves them), and each fragment's fetches are listed in a
 * {@code Deferred} part of a {@code Defer} node. Snapshot tests over {@code supergraphs/entities.graphql}.
 */
class DeferPlanTest {
    private final PlanSupport plans = PlanSupport.load("entities.graphql");

    @Test
    void aDeferredFragmentOnAnEntityIsFetchedAfterTheInitialFetchesByKey() {
        assertEquals("""
                QueryPlan {
                  Defer {
                    Primary {
                      Fetch(service: "products") {
                        { products { name id __typename } }
                      }
                    }
                    Deferred(id: 0, label: "reviews") {
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
                { products { name ... @defer(label: "reviews") { reviews { body } } } }
                """));
    }

    @Test
    void fieldsTheParentsSubgraphResolvesAreFetchedFromItAgainByKey() {
        assertEquals("""
                QueryPlan {
                  Defer {
                    Primary {
                      Fetch(service: "products") {
                        { products { name id __typename } }
                      }
                    }
                    Deferred(id: 0) {
                      Flatten(path: "products.@") {
                        Fetch(service: "products") {
                          { ... on Product { id } } =>
                          { ... on Product { price } }
                        }
                      }
                    }
                  }
                }
                """, plans.plan("""
                { products { name ... @defer { price } } }
                """));
    }

    @Test
    void aDeferredRootFieldHasItsOwnRootFetch() {
        assertEquals("""
                QueryPlan {
                  Defer {
                    Primary {
                      Fetch(service: "products") {
                        { products { name } }
                      }
                    }
                    Deferred(id: 0, label: "me") {
                      Fetch(service: "users") {
                        { me { name } }
                      }
                    }
                  }
                }
                """, plans.plan("""
                { products { name } ... @defer(label: "me") { me { name } } }
                """));
    }

    @Test
    void nestedFragmentsAreDeferredAfterTheirParent() {
        assertEquals("""
                QueryPlan {
                  Defer {
                    Primary {
                      Fetch(service: "products") {
                        { products { name id __typename } }
                      }
                    }
                    Deferred(id: 0, label: "outer") {
                      Sequence {
                        Flatten(path: "products.@") {
                          Fetch(service: "reviews") {
                            { ... on Product { id } } =>
                            { ... on Product { reviews { body author { id __typename } } } }
                          }
                        }
                        Flatten(path: "products.@.reviews.@.author") {
                          Fetch(service: "users") {
                            { ... on User { id } } =>
                            { ... on User { name } }
                          }
                        }
                      }
                    }
                    Deferred(id: 1, label: "inner", parent: 0) {
                    }
                  }
                }
                """, plans.plan("""
                { products { name ... @defer(label: "outer") { reviews { body ... @defer(label: "inner") { author { name } } } } } }
                """));
    }

    @Test
    void aFragmentOnAnObjectWithoutKeyIsFetchedWithItsParent() {
        assertEquals("""
                QueryPlan {
                  Defer {
                    Primary {
                      Fetch(service: "reviews") {
                        { topReviews { body id } }
                      }
                    }
                    Deferred(id: 0) {
                    }
                  }
                }
                """, plans.plan("""
                { topReviews { body ... @defer { id } } }
                """));
    }

    @Test
    void aFalseIfArgumentDoesNotDefer() {
        assertEquals("""
                QueryPlan {
                  Fetch(service: "products") {
                    { products { name price } }
                  }
                }
                """, plans.plan("""
                { products { name ... @defer(if: false) { price } } }
                """));
    }
}
