package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Type conditions under abstract fields are kept only for the types every subgraph that could serve the field can
 * return, each by its own type for the field ({@code @join__field(type:)}) and its own union members: a subgraph
 * never receives a fragment its schema rejects, and a shareable path answers alike from any subgraph. Snapshots
 * over the public audit's {@code union-intersection} and {@code partial-union-complex} supergraphs.
 */
class FragmentPruningPlanTest {
    @Test
    void aFieldThatIsAnObjectInItsSubgraphGetsOnlyThatObjectsFragment() {
        assertEquals("""
                QueryPlan {
                  Fetch(service: "a") {
                    { viewer { book { __typename ... on Book { __typename title } } } }
                  }
                }
                """, PlanSupport.load("audit-union-intersection.graphql").plan("""
                { viewer { book { __typename ... on Song { title } ... on Movie { title } ... on Book { title } } } }
                """));
    }

    @Test
    void aShareablePathKeepsOnlyTheUnionMembersEverySubgraphServingItHas() {
        assertEquals("""
                QueryPlan {
                  Fetch(service: "a") {
                    { rootA { wrapper { actions { __typename ... on Common { __typename label } } } } }
                  }
                }
                """, PlanSupport.load("audit-partial-union-complex.graphql").plan("""
                { rootA { wrapper { actions { __typename ... on Common { label } ... on OnlyA { a } ... on OnlyB { b } } } } }
                """));
    }

    @Test
    void afterAnEntityJumpTheTargetSubgraphsMembersCount() {
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "a") {
                      { rootA { id __typename } }
                    }
                    Flatten(path: "rootA") {
                      Fetch(service: "b") {
                        { ... on Container { id } } =>
                        { ... on Container { bWrapper { actions { __typename ... on Common { __typename label } ... on OnlyB { __typename b } } } } }
                      }
                    }
                  }
                }
                """, PlanSupport.load("audit-partial-union-complex.graphql").plan("""
                { rootA { bWrapper { actions { __typename ... on Common { label } ... on OnlyB { b } } } } }
                """));
    }
}
