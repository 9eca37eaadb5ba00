package com.shopbff.router.plan.optimize;

import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.plan.FetchSelection;
import com.shopbff.router.plan.PlanNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The batching pass on its own, over hand-made plan nodes. */
class EntityFetchBatchingTest {
    private static final NormalizedOperation OP = new NormalizedOperation("query", null, "Query",
            new NormalizedSelectionSet("Query", Map.of()), Map.of(), false, List.of());

    private static PlanNode.Flatten flatten(String service, String type, String path) {
        FetchSelection fields = new FetchSelection(List.of(new FetchSelection.Field("name", "name", "", "", List.of(), null)),
                List.of());
        FetchSelection sel = new FetchSelection(List.of(), List.of(new FetchSelection.TypeCondition(type, fields)));
        PlanNode.Fetch f = new PlanNode.Fetch(service, "query", sel, "query($representations: [_Any!]!) { _entities("
                + "representations: $representations) { ... on " + type + " { name } } }", List.of(),
                List.of(new PlanNode.EntityInput(type, type, List.of(new PlanNode.ReprField("id", "id", null)), List.of("id"))),
                List.of(), false, List.of());
        return new PlanNode.Flatten(List.of(path.split("\\.")), f);
    }

    @Test
    void flattensOfOneStageToOneSubgraphBecomeOneBatchWithAnAliasedFieldEach() {
        PlanNode out = EntityFetchBatching.apply(new PlanNode.Parallel(List.of(
                flatten("s", "User", "users.@"), flatten("t", "User", "other.@"), flatten("s", "Product", "products.@"))), OP);
        PlanNode.Parallel p = assertInstanceOf(PlanNode.Parallel.class, out);
        assertEquals(2, p.nodes().size());
        PlanNode.EntityBatch b = assertInstanceOf(PlanNode.EntityBatch.class, p.nodes().get(0));
        assertEquals("s", b.service());
        assertEquals(List.of("_0", "_1"), b.parts().stream().map(PlanNode.BatchPart::alias).toList());
        assertEquals("query($representations0: [_Any!]!, $representations1: [_Any!]!) { "
                + "_0: _entities(representations: $representations0) { ... on User { name } } "
                + "_1: _entities(representations: $representations1) { ... on Product { name } } }", b.operation());
        assertInstanceOf(PlanNode.Flatten.class, p.nodes().get(1));
    }

    @Test
    void theSameFetchAtTwoPathsIsOnePartWithItsOwnOperation() {
        PlanNode.Flatten a = flatten("s", "User", "a.@");
        PlanNode.Flatten b = flatten("s", "User", "b.@");
        PlanNode.EntityBatch batch = assertInstanceOf(PlanNode.EntityBatch.class,
                EntityFetchBatching.apply(new PlanNode.Parallel(List.of(a, b)), OP));
        assertEquals(1, batch.parts().size());
        assertEquals(List.of(List.of("a", "@"), List.of("b", "@")), batch.parts().get(0).paths());
        assertEquals(a.fetch().operation(), batch.operation());
    }

    @Test
    void aSequenceIsLeftAsItIsAndItsParallelsAreVisited() {
        PlanNode.Sequence s = new PlanNode.Sequence(List.of(flatten("s", "User", "a.@"), flatten("s", "User", "b.@")));
        assertEquals(s, EntityFetchBatching.apply(s, OP));
    }
}
