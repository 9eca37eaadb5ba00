package com.shopbff.router.plan.build;

import com.shopbff.router.plan.resolve.Resolvability;
import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Planning stage 3 on its own: the fetch groups of an operation, their dependencies and what stays unresolved. */
class FetchGraphBuilderTest {
    private static FetchGraph build(String supergraph, String query) {
        PlanSupport plans = PlanSupport.load(supergraph);
        RootFields.Built built = new RootFields(new Resolvability(plans.supergraph())).build(plans.normalize(query));
        assertEquals(1, built.stages().size());
        return built.stages().get(0);
    }

    @Test
    void anEntityJumpDependsOnTheFetchThatBringsItsKey() {
        FetchGraph g = build("entities.graphql", "{ products { name reviews { body } } }");
        assertEquals(2, g.groups().size());
        FetchGroup root = g.groups().get(0);
        FetchGroup reviews = g.groups().get(1);
        assertFalse(root.isEntityFetch());
        assertTrue(reviews.isEntityFetch());
        assertEquals(List.of("products", "@"), reviews.path());
        assertTrue(reviews.dependencies().contains(root));
        assertNull(g.error());
    }

    @Test
    void requirementsOfOneFieldWithOtherArgumentsNeedTwoEntityGroups() {
        FetchGraph g = build("audit-requires-with-argument-conflict.graphql",
                "{ products { shippingEstimate shippingEstimateEUR } }");
        assertEquals(3, g.groups().size(), "the root fetch and one entity fetch per requirement");
    }

    @Test
    void whatNoSubgraphResolvesIsNamedInTheErrorAndTheRestIsStillPlanned() {
        FetchGraph g = build("node.graphql", "{ node(id: \"a1\") { id } }");
        assertEquals("Cannot plan the operation: no subgraph can resolve Chat.id", g.error());
        assertEquals(1, g.groups().size());
    }

    @Test
    void aDeferredFieldGetsItsOwnGroupServingItsFragment() {
        FetchGraph g = build("entities.graphql", "{ products { name ... @defer { price } } }");
        assertEquals(2, g.groups().size());
        assertNull(g.groups().get(0).defer());
        assertNotNull(g.groups().get(1).defer());
    }

    @Test
    void aFetchServingOnlyConditionalFieldsCarriesTheirCondition() {
        FetchGraph g = build("entities.graphql", "query($b: Boolean!) { products { name reviews @include(if: $b) { body } } }");
        assertTrue(g.groups().get(0).conditions().isEmpty());
        assertEquals("b", g.groups().get(1).conditions().iterator().next().variable());
    }
}
