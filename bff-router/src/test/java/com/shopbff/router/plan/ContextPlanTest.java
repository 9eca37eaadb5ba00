package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code @context}/{@code @fromContext}: a field whose argument comes from an ancestor's context is fetched by
 * entity with the argument as a variable; the ancestor's fetch selects the context's fields. Snapshot tests over
 * {@code supergraphs/context.graphql} ({@code User @context(name: "userContext")} in b, {@code Cart.total(currency:
 * @fromContext(field: "$userContext { currency }"))}).
 */
class ContextPlanTest {
    private final PlanSupport plans = PlanSupport.load("context.graphql");

    @Test
    void theContextIsReadOnTheAncestorAndPassedToTheFieldAsAVariable() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "a") {
                      { user { name id __typename currency } }
                    }
                    Flatten(path: "user") {
                      Fetch(service: "b") {
                        { ... on User { id } } =>
                        { ... on User { cart { id __typename } } }
                      }
                    }
                    Flatten(path: "user.cart") {
                      Fetch(service: "b") {
                        { ... on Cart { id } } =>
                        $contextualArgument_0 <- ancestor at depth 1: currency
                        { ... on Cart { total(currency: $contextualArgument_0) } }
                      }
                    }
                  }
                }
                """, plans.plan("{ user { name cart { total } } }"));
    }
}
