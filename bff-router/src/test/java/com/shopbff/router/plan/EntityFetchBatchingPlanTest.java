package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Optimisation pass: entity fetches of one parallel stage to one subgraph are batched into one request (one aliased
 * {@code _entities} field per distinct fetch; the same fetch at several paths sent once). Snapshot tests of the
 * printed plan.
 */
class EntityFetchBatchingPlanTest {
    @Test
    void fetchesOfOneStageForDifferentTypesOfOneSubgraphBecomeOneBatch() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "a") {
                      { users { id __typename } products { id __typename } }
                    }
                    Batch(service: "s") {
                      Flatten(path: "users.@") {
                        Fetch(service: "s") {
                          { ... on User { id } } =>
                          { ... on User { tags } }
                        }
                      }
                      Flatten(path: "products.@") {
                        Fetch(service: "s") {
                          { ... on Product { id } } =>
                          { ... on Product { tags } }
                        }
                      }
                    }
                  }
                }
                """, PlanSupport.load("combine-conflict.graphql").plan("{ users { tags } products { tags } }"));
    }

    @Test
    void theSameFetchAtTwoPathsIsOnePartWithBothPaths() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "reviews") {
                      { topReviews { author { id __typename } } t2: topReviews(first: 1) { body author { id __typename } } }
                    }
                    Batch(service: "users") {
                      Flatten(paths: "topReviews.@.author", "t2.@.author") {
                        Fetch(service: "users") {
                          { ... on User { id } } =>
                          { ... on User { name } }
                        }
                      }
                    }
                  }
                }
                """, PlanSupport.load("entities.graphql").plan(
                "{ topReviews { author { name } } t2: topReviews(first: 1) { body author { name } } }"));
    }
}
