package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Entity jumps through _entities: keys, several keys, composite keys, resolvable: false. Snapshot tests of the printed plan over {@code supergraphs/entities.graphql}. */
class EntitiesPlanTest {
    private final PlanSupport plans = PlanSupport.load("entities.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void rootFieldsOfDifferentSubgraphsRunInParallel() {
        assertPlan("""
                { products { name price } topReviews { body } }
                """, """
                QueryPlan {
                  Parallel {
                    Fetch(service: "products") {
                      { products { name price } }
                    }
                    Fetch(service: "reviews") {
                      { topReviews { body } }
                    }
                  }
                }
                """);
    }

    @Test
    void entityJumpsFetchKeysFirstAndChainThroughSubgraphs() {
        assertPlan("""
                { products { name reviews { body author { name } } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { products { name id __typename } }
                    }
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
                """);
    }

    @Test
    void compositeKeyTheSourceLacksIsFetchedThroughAnotherSubgraphFirst() {
        assertPlan("""
                { topReviews { product { inStock name } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "reviews") {
                      { topReviews { product { id __typename } } }
                    }
                    Flatten(path: "topReviews.@.product") {
                      Fetch(service: "products") {
                        { ... on Product { id } } =>
                        { ... on Product { name sku package } }
                      }
                    }
                    Flatten(path: "topReviews.@.product") {
                      Fetch(service: "inventory") {
                        { ... on Product { sku package } } =>
                        { ... on Product { inStock } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void secondKeyIsUsedWhenItIsTheOneTheTargetResolves() {
        assertPlan("""
                { product(id: "1") { inStock } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { product(id: "1") { sku package __typename } }
                    }
                    Flatten(path: "product") {
                      Fetch(service: "inventory") {
                        { ... on Product { sku package } } =>
                        { ... on Product { inStock } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void nonResolvableKeyNeedsNoJumpForKeyFieldsOnly() {
        assertPlan("""
                { topReviews(first: 2) { author { id } } me { name } }
                """, """
                QueryPlan {
                  Parallel {
                    Fetch(service: "reviews") {
                      { topReviews(first: 2) { author { id } } }
                    }
                    Fetch(service: "users") {
                      { me { name } }
                    }
                  }
                }
                """);
    }

    @Test
    void aliasesAndVariablesPassThroughToSubgraphs() {
        assertPlan("""
                query Q($id: ID!) { p: product(id: $id) { title: name r: reviews { b: body } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "products") {
                      { p: product(id: $id) { title: name id __typename } }
                    }
                    Flatten(path: "p") {
                      Fetch(service: "reviews") {
                        { ... on Product { id } } =>
                        { ... on Product { r: reviews { b: body } } }
                      }
                    }
                  }
                }
                """);
    }
}
