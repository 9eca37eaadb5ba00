package com.shopbff.router.execution;

import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.operation.Normalizer;
import com.shopbff.router.plan.PlanNode;
import com.shopbff.router.plan.Planner;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.support.PlanSupport;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Entity fetches of one Parallel stage to one subgraph for different entity types go out as one request. */
class EntityFetchCombiningTest {
    private static List<PlanNode.Flatten> reviewsFlattens() {
        Supergraph sg = Supergraph.parse(PlanSupport.resource("/bench/supergraph.graphql").replace("${SUBGRAPH_PORT}", "1"));
        Document doc = Parser.parse(PlanSupport.resource("/bench/heavy-query.graphql"));
        OperationDefinition op = (OperationDefinition) doc.getDefinitions().stream()
                .filter(d -> d instanceof OperationDefinition).findFirst().orElseThrow();
        NormalizedOperation nop = Normalizer.normalize(sg, doc, op, Map.of());
        PlanNode root = new Planner(sg).plan(nop).root();
        List<PlanNode.Flatten> out = new ArrayList<>();
        for (PlanNode stage : ((PlanNode.Sequence) root).nodes()) {
            if (stage instanceof PlanNode.Parallel p) {
                for (PlanNode n : p.nodes()) {
                    if (n instanceof PlanNode.Flatten f && f.fetch().service().equals("reviews")) out.add(f);
                }
                if (!out.isEmpty()) return out;
            }
        }
        return out;
    }

    @Test
    void userAndProductFetchesToReviewsCombineIntoOneEntitiesOperation() {
        List<PlanNode.Flatten> fl = reviewsFlattens();
        assertEquals(2, fl.size());
        PlanNode.Fetch a = fl.get(0).fetch();
        PlanNode.Fetch b = fl.get(1).fetch();
        assertTrue(Executor.combinable(a, b));
        PlanNode.Fetch c = Executor.combine(a, b);
        assertEquals("query($representations: [_Any!]!) { _entities(representations: $representations) { "
                + a.selection().substring(2, a.selection().length() - 2) + " "
                + b.selection().substring(2, b.selection().length() - 2) + " } }", c.operation());
        assertTrue(c.operation().contains("... on User {") && c.operation().contains("... on Product {"));
        assertEquals(a.inputs().size() + b.inputs().size(), c.inputs().size());
    }

    @Test
    void fetchesForTheSameTypeOrWithVariablesDoNotCombine() {
        PlanNode.Fetch a = reviewsFlattens().get(0).fetch();
        assertFalse(Executor.combinable(a, a), "same entity type");
        PlanNode.Fetch withVars = new PlanNode.Fetch(a.service(), a.operationKind(), a.selection(), a.operation(),
                List.of("x"), a.inputs(), a.responseKeys(), a.aliased());
        assertFalse(Executor.combinable(withVars, reviewsFlattens().get(1).fetch()));
    }
}
