package com.shopbff.router.plan.build;

import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.plan.resolve.Resolvability;
import com.shopbff.router.supergraph.SupergraphModel.Graph;

import java.util.*;

/**
 * Where stage 3 starts: picks the subgraph for each root field and builds the fetch graphs. A query (or
 * subscription) is one fetch graph; a mutation is one fetch graph per run of consecutive root fields served by
 * one subgraph, because mutation fields run one after another in request order.
 */
public final class RootFields {
    private final Resolvability resolvability;

    public RootFields(Resolvability resolvability) {
        this.resolvability = resolvability;
    }

    /**
     * The fetch graphs of an operation.
     *
     * @param stages one graph for queries and subscriptions; for mutations one per run of root fields, in order
     * @param error  why some fields cannot be planned (null when all can)
     */
    public record Built(List<FetchGraph> stages, String error) {
    }

    public Built build(NormalizedOperation op) {
        List<NormalizedField> roots = new ArrayList<>();
        for (NormalizedField f : op.rootFields()) {
            if (!f.name().startsWith("__") && !f.removed()) roots.add(f);
        }
        String rootType = op.rootType();
        if (roots.isEmpty()) return new Built(List.of(), null);
        if (op.kind().equals("mutation")) return mutation(op, rootType, roots);
        FetchGraphBuilder b = new FetchGraphBuilder(resolvability, op);
        Set<String> used = new LinkedHashSet<>();
        for (NormalizedField f : roots) {
            String g = chooseRootGraph(op, rootType, f, used);
            if (g == null) {
                b.graph.unresolved.add(rootType, f);
                continue;
            }
            used.add(g);
            int before = b.graph.unresolved.mark();
            b.rootField(g, rootType, f, rootAlternatives(rootType, f));
            if (b.graph.unresolved.size() > before && !op.kind().equals("subscription") && resolvability.isObjectTyped(f)) {
                retryRoot(b, rootType, f, g, before);
            }
        }
        return new Built(b.graph.groups.isEmpty() ? List.of() : List.of(b.graph), b.graph.error());
    }

    private Built mutation(NormalizedOperation op, String rootType, List<NormalizedField> roots) {
        List<FetchGraph> stages = new ArrayList<>();
        Set<String> failed = new LinkedHashSet<>();
        FetchGraphBuilder current = null;
        String currentGraph = null;
        for (NormalizedField f : roots) {
            String g = chooseRootGraph(op, rootType, f, currentGraph == null ? Set.of() : Set.of(currentGraph));
            if (g == null) {
                failed.add(rootType + "." + f.name());
                continue;
            }
            if (current == null || !g.equals(currentGraph)) {
                if (current != null) close(current, stages, failed);
                current = new FetchGraphBuilder(resolvability, op);
                currentGraph = g;
            }
            current.rootField(g, rootType, f, Set.of(g)); // a mutation field runs once, in the chosen subgraph
        }
        if (current != null) close(current, stages, failed);
        String error = failed.isEmpty() ? null
                : "Cannot plan the operation: no subgraph can resolve " + String.join(", ", failed);
        return new Built(stages, error);
    }

    private static void close(FetchGraphBuilder b, List<FetchGraph> stages, Set<String> failed) {
        stages.add(b.graph);
        for (Unresolved.Entry e : b.graph.unresolved.since(0)) failed.add(e.coordinate());
    }

    /** The subgraphs that resolve a root field in place (any of them could serve it). */
    private Set<String> rootAlternatives(String rootType, NormalizedField f) {
        Set<String> out = new LinkedHashSet<>();
        for (Graph g : resolvability.supergraph().graphs()) {
            if (resolvability.resolvesInPlace(g.enumValue(), rootType, f.name(), null)) out.add(g.enumValue());
        }
        return out;
    }

    /**
     * A shared root field of an object type that no single subgraph resolves completely (each knows some of its
     * fields): the missing parts are asked from the other subgraphs that have the root field, in parallel, and
     * merged. Only for queries: a mutation field must run once.
     */
    private void retryRoot(FetchGraphBuilder b, String rootType, NormalizedField f, String tried, int before) {
        Unresolved unresolved = b.graph.unresolved;
        List<Unresolved.Entry> failed = unresolved.since(before);
        unresolved.truncate(before);
        for (Graph gr : resolvability.supergraph().graphs()) {
            if (failed.isEmpty()) break;
            String g2 = gr.enumValue();
            if (g2.equals(tried) || !resolvability.resolvesInPlace(g2, rootType, f.name(), null)) continue;
            NormalizedField pruned = SharedFieldRetry.prune(f, Unresolved.fields(failed));
            if (pruned == null) break;
            int mark = unresolved.mark();
            b.rootField(g2, rootType, pruned, rootAlternatives(rootType, f));
            failed = unresolved.since(mark);
            unresolved.truncate(mark);
        }
        unresolved.addAll(failed);
    }

    /** Picks the subgraph for a root field: fewest follow-up fetches, then one already used, then schema order. */
    private String chooseRootGraph(NormalizedOperation op, String rootType, NormalizedField f, Set<String> used) {
        List<String> candidates = new ArrayList<>();
        for (Graph g : resolvability.supergraph().graphs()) {
            if (resolvability.resolvesInPlace(g.enumValue(), rootType, f.name(), null)) candidates.add(g.enumValue());
        }
        if (candidates.isEmpty()) return null;
        if (candidates.size() == 1) return candidates.get(0);
        String best = null;
        int bestCost = Integer.MAX_VALUE;
        for (String g : candidates) {
            FetchGraphBuilder scratch = new FetchGraphBuilder(resolvability, op);
            scratch.rootField(g, rootType, f, rootAlternatives(rootType, f));
            // an unresolved field outweighs any number of fetches; a fetch outweighs any number of jumped fields
            int cost = scratch.graph.unresolved.size() * 100_000 + scratch.graph.groups.size() * 100
                    + scratch.graph.jumpedFields * 2 + (used.contains(g) ? 0 : 1);
            if (cost < bestCost) {
                bestCost = cost;
                best = g;
            }
        }
        return best;
    }
}
