package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** @requires: required fields are fetched before the entity jump, including arguments, fragments and chains. Snapshot tests of the printed plan over {@code supergraphs/requires.graphql}. */
class RequiresPlanTest {
    private final PlanSupport plans = PlanSupport.load("requires.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void requiredFieldsWithArgumentsAndNestedSelectionsAreFetchedFirst() {
        assertPlan("""
                { products { shippingEstimate } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { products { id __typename price weight__req_6e81f75a: weight(unit: KG) dimensions { size } } }
                    }
                    Flatten(path: "products.@") {
                      Fetch(service: "inventory") {
                        { ... on Product { id price weight <- weight__req_6e81f75a dimensions { size } } } =>
                        { ... on Product { shippingEstimate } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void requiresChainFetchesEachRequirementInOrder() {
        assertPlan("""
                { products { name insuredShipping } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { products { name id __typename price weight__req_6e81f75a: weight(unit: KG) dimensions { size } } }
                    }
                    Flatten(path: "products.@") {
                      Fetch(service: "inventory") {
                        { ... on Product { id price weight <- weight__req_6e81f75a dimensions { size } } } =>
                        { ... on Product { shippingEstimate } }
                      }
                    }
                    Flatten(path: "products.@") {
                      Fetch(service: "shipping") {
                        { ... on Product { id shippingEstimate } } =>
                        { ... on Product { insuredShipping } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void requiresWithFragmentsOnAUnionSendsTheTypedFields() {
        assertPlan("""
                { products { delivery { days } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { products { id __typename details { __typename ... on BookDetails { pages } ... on MovieDetails { minutes } } } }
                    }
                    Flatten(path: "products.@") {
                      Fetch(service: "inventory") {
                        { ... on Product { id details { __typename pages minutes } } } =>
                        { ... on Product { delivery { days } } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void requiredFieldAlsoRequestedByTheClientIsFetchedOnce() {
        assertPlan("""
                { products { price shippingEstimate } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { products { price id __typename weight__req_6e81f75a: weight(unit: KG) dimensions { size } } }
                    }
                    Flatten(path: "products.@") {
                      Fetch(service: "inventory") {
                        { ... on Product { id price weight <- weight__req_6e81f75a dimensions { size } } } =>
                        { ... on Product { shippingEstimate } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void requiredFieldWithArgumentsDoesNotCollideWithTheClientsOtherArguments() {
        assertPlan("""
                { products { weight(unit: LB) shippingEstimate } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { products { weight(unit: LB) id __typename price weight__req_6e81f75a: weight(unit: KG) dimensions { size } } }
                    }
                    Flatten(path: "products.@") {
                      Fetch(service: "inventory") {
                        { ... on Product { id price weight <- weight__req_6e81f75a dimensions { size } } } =>
                        { ... on Product { shippingEstimate } }
                      }
                    }
                  }
                }
                """);
    }
}
