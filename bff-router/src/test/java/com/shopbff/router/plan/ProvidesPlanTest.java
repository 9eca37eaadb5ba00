package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** @provides and @external: no needless jumps. Snapshot tests of the printed plan over {@code supergraphs/provides.graphql}. */
class ProvidesPlanTest {
    private final PlanSupport plans = PlanSupport.load("provides.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void providedExternalFieldsNeedNoJump() {
        assertPlan("""
                { reviews { author { username } product { name } } }
                """, """
                QueryPlan {
                  Fetch(service: "reviews") {
                    { reviews { author { username } product { name } } }
                  }
                }
                """);
    }

    @Test
    void fieldsBeyondTheProvidedOnesJumpToTheOwner() {
        assertPlan("""
                { reviews { author { username email } product { name price } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "reviews") {
                      { reviews { author { username id __typename } product { name upc __typename } } }
                    }
                    Parallel {
                      Flatten(path: "reviews.@.author") {
                        Fetch(service: "users") {
                          { ... on User { id } } =>
                          { ... on User { email } }
                        }
                      }
                      Flatten(path: "reviews.@.product") {
                        Fetch(service: "products") {
                          { ... on Product { upc } } =>
                          { ... on Product { price } }
                        }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void externalFieldWithoutProvidesIsFetchedFromItsOwner() {
        assertPlan("""
                { products { name reviewCount } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { products { name upc __typename } }
                    }
                    Flatten(path: "products.@") {
                      Fetch(service: "reviews") {
                        { ... on Product { upc } } =>
                        { ... on Product { reviewCount } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void providesUnderATypeConditionOnlyCoversThatType() {
        assertPlan("""
                { media { ... on Product { name } ... on User { username } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "reviews") {
                      { media { __typename ... on Product { name } ... on User { id __typename } } }
                    }
                    Flatten(path: "media.@") {
                      Fetch(service: "users") {
                        { ... on User { id } } =>
                        { ... on User { username } }
                      }
                    }
                  }
                }
                """);
    }
}
