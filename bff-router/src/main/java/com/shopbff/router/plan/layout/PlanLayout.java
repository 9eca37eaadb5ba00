package com.shopbff.router.plan.layout;

import com.shopbff.router.operation.Inclusion;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.plan.PlanNode;
import com.shopbff.router.plan.build.FetchGroup;
import com.shopbff.router.plan.build.FetchNodes;
import com.shopbff.router.supergraph.Supergraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 5 of planning: lays a fetch graph out as plan nodes. Each group's level is the length of its longest
 * dependency chain; groups of one level run in {@code Parallel}, levels in {@code Sequence}; an entity fetch is
 * wrapped in {@code Flatten} at its path.
 */
public final class PlanLayout {
    private final Supergraph sg;
    private final NormalizedOperation op;

    public PlanLayout(Supergraph sg, NormalizedOperation op) {
        this.sg = sg;
        this.op = op;
    }

    /** The node running {@code groups}, taking the groups in {@code done} as already run; null when empty. */
    public PlanNode layout(List<FetchGroup> groups, Set<FetchGroup> done) {
        Map<FetchGroup, Integer> level = new HashMap<>();
        int max = 0;
        for (FetchGroup g : groups) max = Math.max(max, level(g, level, done));
        List<PlanNode> stages = new ArrayList<>();
        for (int l = 0; l <= max; l++) {
            List<PlanNode> nodes = new ArrayList<>();
            for (FetchGroup g : groups) {
                if (level.get(g) != l) continue;
                nodes.add(node(g));
            }
            if (nodes.isEmpty()) continue;
            stages.add(nodes.size() == 1 ? nodes.get(0) : new PlanNode.Parallel(nodes));
        }
        if (stages.isEmpty()) return null;
        return stages.size() == 1 ? stages.get(0) : new PlanNode.Sequence(stages);
    }

    /**
     * The fetch of one group: wrapped in Flatten for entity fetches, and in a Condition per {@code @skip}/
     * {@code @include} literal all its fields are under (the fetch runs only when they hold).
     */
    public PlanNode node(FetchGroup g) {
        PlanNode.Fetch f = FetchNodes.fetch(g, op, sg, g.conditions());
        PlanNode n = g.isEntityFetch() ? new PlanNode.Flatten(g.path(), f) : f;
        List<Inclusion.Literal> literals = new ArrayList<>(g.conditions());
        for (int i = literals.size() - 1; i >= 0; i--) {
            Inclusion.Literal l = literals.get(i);
            n = l.value() ? new PlanNode.Condition(l.variable(), n, null) : new PlanNode.Condition(l.variable(), null, n);
        }
        return n;
    }

    /** The fetch of one group without conditions (a subscription's primary fetch). */
    public PlanNode fetchNode(FetchGroup g) {
        PlanNode.Fetch f = FetchNodes.fetch(g, op, sg, Set.of());
        return g.isEntityFetch() ? new PlanNode.Flatten(g.path(), f) : f;
    }

    private static int level(FetchGroup g, Map<FetchGroup, Integer> memo, Set<FetchGroup> done) {
        Integer l = memo.get(g);
        if (l != null) return l;
        memo.put(g, 0); // cycle guard
        int lv = 0;
        for (FetchGroup d : g.dependencies()) {
            if (d == g || done.contains(d)) continue;
            lv = Math.max(lv, level(d, memo, done) + 1);
        }
        memo.put(g, lv);
        return lv;
    }
}
