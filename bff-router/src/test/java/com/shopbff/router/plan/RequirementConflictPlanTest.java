package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two {@code @requires} of one external field with different arguments ({@code price(currency: "USD")} and
 * {@code price(currency: "EUR")}): one representation carries one value per field name, so each requirement gets
 * its own entity fetch. Snapshot over the public audit's {@code requires-with-argument-conflict} supergraph.
 */
class RequirementConflictPlanTest {
    private final PlanSupport plans = PlanSupport.load("audit-requires-with-argument-conflict.graphql");

    @Test
    void requirementsWithOtherArgumentsGoInSeparateEntityFetches() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "b") {
                      { products { upc __typename price__req_7e5cc8d7: price(currency: "USD") weight price__req_7d7c6e13: price(currency: "EUR") } }
                    }
                    Batch(service: "a") {
                      Flatten(path: "products.@") {
                        Fetch(service: "a") {
                          { ... on Product { upc price <- price__req_7e5cc8d7 weight } } =>
                          { ... on Product { shippingEstimate } }
                        }
                      }
                      Flatten(path: "products.@") {
                        Fetch(service: "a") {
                          { ... on Product { upc price <- price__req_7d7c6e13 weight } } =>
                          { ... on Product { shippingEstimateEUR } }
                        }
                      }
                    }
                  }
                }
                """, plans.plan("{ products { upc shippingEstimate shippingEstimateEUR } }"));
    }
}
