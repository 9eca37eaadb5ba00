package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Subscriptions: Subscription(primary, rest). Snapshot tests of the printed plan over {@code supergraphs/subscriptions.graphql}. */
class SubscriptionsPlanTest {
    private final PlanSupport plans = PlanSupport.load("subscriptions.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void subscriptionHasAPrimaryStreamAndEntityFetchesPerEvent() {
        assertPlan("""
                subscription { orderStatusChanged(orderId: "1") { id status product { name } } }
                """, """
                QueryPlan {
                  Subscription {
                    Primary: {
                      Fetch(service: "orders") {
                        subscription { orderStatusChanged(orderId: "1") { id status product { id __typename } } }
                      }
                    }
                    Rest: {
                      Flatten(path: "orderStatusChanged.product") {
                        Fetch(service: "products") {
                          { ... on Product { id } } =>
                          { ... on Product { name } }
                        }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void subscriptionServedByOneSubgraphHasNoRest() {
        assertPlan("""
                subscription { orderStatusChanged(orderId: "1") { status } }
                """, """
                QueryPlan {
                  Subscription {
                    Primary: {
                      Fetch(service: "orders") {
                        subscription { orderStatusChanged(orderId: "1") { status } }
                      }
                    }
                  }
                }
                """);
    }
}
