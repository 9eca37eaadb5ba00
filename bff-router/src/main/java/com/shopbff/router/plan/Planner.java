package com.shopbff.router.plan;

import com.shopbff.router.operation.DeferredFragment;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.plan.build.FetchGraph;
import com.shopbff.router.plan.build.FetchGroup;
import com.shopbff.router.plan.build.RootFields;
import com.shopbff.router.plan.layout.PlanLayout;
import com.shopbff.router.plan.optimize.EntityFetchBatching;
import com.shopbff.router.plan.resolve.Resolvability;
import com.shopbff.router.supergraph.Supergraph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The query planner, stage by stage (each stage its own package, tested on its own):
 * <ol>
 *   <li>normalisation ({@code operation.Normalizer}, before this class): fragments inlined, fields per concrete type;</li>
 *   <li>resolvability ({@code plan.resolve}): where each field can be resolved;</li>
 *   <li>fetch-graph building ({@code plan.build}): fetch groups and their dependencies;</li>
 *   <li>layout ({@code plan.layout}): Sequence / Parallel / Flatten nodes, operations printed
 *       ({@code plan.print}) from each fetch's selection tree;</li>
 *   <li>optimisation ({@code plan.optimize}): entity fetches of one parallel stage batched per subgraph.</li>
 * </ol>
 */
public final class Planner {
    private final Supergraph sg;
    private final Resolvability resolvability;

    public Planner(Supergraph supergraph) {
        this.sg = supergraph;
        this.resolvability = new Resolvability(supergraph);
    }

    /** Plans a normalised operation. */
    public QueryPlan plan(NormalizedOperation op) {
        return plan(op, Set.of());
    }

    /** Plans a normalised operation with these progressive-override labels active. */
    public QueryPlan plan(NormalizedOperation op, Set<String> activeOverrideLabels) {
        RootFields.Built built = new RootFields(resolvability.withActiveLabels(activeOverrideLabels)).build(op);
        PlanLayout layout = new PlanLayout(sg, op);
        if (built.stages().isEmpty()) return new QueryPlan(null, op, built.error());
        if (op.kind().equals("subscription")) {
            FetchGraph g = built.stages().get(0);
            FetchGroup primary = g.groups().get(0);
            List<FetchGroup> rest = new ArrayList<>(g.groups().subList(1, g.groups().size()));
            PlanNode.Fetch primaryFetch = (PlanNode.Fetch) layout.fetchNode(primary);
            PlanNode restNode = rest.isEmpty() ? null : layout.layout(rest, Set.of(primary));
            return new QueryPlan(new PlanNode.Subscription(primaryFetch, EntityFetchBatching.apply(restNode, op)), op,
                    built.error());
        }
        if (!op.deferred().isEmpty() && built.stages().size() == 1) {
            return new QueryPlan(EntityFetchBatching.apply(deferLayout(layout, built.stages().get(0), op), op), op,
                    built.error());
        }
        List<PlanNode> flat = new ArrayList<>();
        for (FetchGraph g : built.stages()) {
            PlanNode n = layout.layout(g.groups(), Set.of());
            if (n instanceof PlanNode.Sequence s) flat.addAll(s.nodes());
            else if (n != null) flat.add(n);
        }
        PlanNode root = flat.isEmpty() ? null : flat.size() == 1 ? flat.get(0) : new PlanNode.Sequence(flat);
        return new QueryPlan(EntityFetchBatching.apply(root, op), op, built.error());
    }

    /** The initial fetches first, then each deferred fragment's, taking what ran before as done. */
    private static PlanNode deferLayout(PlanLayout layout, FetchGraph g, NormalizedOperation op) {
        List<FetchGroup> primary = new ArrayList<>();
        for (FetchGroup x : g.groups()) if (x.defer() == null) primary.add(x);
        List<PlanNode.Deferred> deferred = new ArrayList<>();
        for (DeferredFragment d : op.deferred()) {
            Set<FetchGroup> done = new HashSet<>(primary);
            List<FetchGroup> own = new ArrayList<>();
            for (FetchGroup x : g.groups()) {
                if (x.defer() == null) continue;
                if (x.defer().equals(d)) own.add(x);
                else for (DeferredFragment p = d.parent(); p != null; p = p.parent()) if (x.defer().equals(p)) done.add(x);
            }
            deferred.add(new PlanNode.Deferred(d, own.isEmpty() ? null : layout.layout(own, done)));
        }
        return new PlanNode.Defer(layout.layout(primary, Set.of()), deferred);
    }
}
