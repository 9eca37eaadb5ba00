package com.shopbff.router.plan.layout;

import com.shopbff.router.plan.PlanNode;
import com.shopbff.router.plan.build.FetchGraph;
import com.shopbff.router.plan.build.RootFields;
import com.shopbff.router.plan.resolve.Resolvability;
import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Planning stage 5 on its own: fetch groups by the length of their dependency chains. */
class PlanLayoutTest {
    private static PlanNode layout(String query) {
        PlanSupport plans = PlanSupport.load("entities.graphql");
        var op = plans.normalize(query);
        FetchGraph g = new RootFields(new Resolvability(plans.supergraph())).build(op).stages().get(0);
        return new PlanLayout(plans.supergraph(), op).layout(g.groups(), Set.of());
    }

    @Test
    void independentRootFetchesShareOneParallelLevel() {
        PlanNode n = layout("{ products { name } topReviews { body } }");
        PlanNode.Parallel p = assertInstanceOf(PlanNode.Parallel.class, n);
        assertEquals(2, p.nodes().size());
    }

    @Test
    void aChainOfEntityFetchesBecomesASequenceOfFlattens() {
        PlanNode.Sequence s = assertInstanceOf(PlanNode.Sequence.class,
                layout("{ products { reviews { author { name } } } }"));
        assertEquals(3, s.nodes().size());
        assertInstanceOf(PlanNode.Fetch.class, s.nodes().get(0));
        assertEquals("products.@", String.join(".", assertInstanceOf(PlanNode.Flatten.class, s.nodes().get(1)).path()));
        assertEquals("products.@.reviews.@.author",
                String.join(".", assertInstanceOf(PlanNode.Flatten.class, s.nodes().get(2)).path()));
    }
}
