package com.shopbff.router.plan.build;

import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.plan.resolve.ProvidedFields;
import com.shopbff.router.supergraph.SupergraphModel.Graph;

import java.util.*;

/**
 * A field shared by several subgraphs ({@code @shareable}) whose sub-selection the chosen subgraph resolves only
 * partly: the failed part is fetched through another subgraph that also resolves the field, by an entity jump on
 * the parent. What worked stays; the failures are replaced by whatever the retry could not resolve.
 */
final class SharedFieldRetry {
    private final FetchGraphBuilder b;

    SharedFieldRetry(FetchGraphBuilder b) {
        this.b = b;
    }

    /**
     * Retries the fields unresolved since {@code mark} below {@code nf} (on {@code type}, fetched by {@code g} from
     * {@code subgraph}) in subgraphs other than {@code tried}; returns the groups that resolved them.
     */
    Set<FetchGroup> elsewhere(FetchGroup g, SelectionBuilder sel, String subgraph, String type, NormalizedField nf,
                              List<String> path, ProvidedFields provided, FetchGroup avoid, int depth, int mark) {
        return elsewhere(g, sel, subgraph, type, nf, path, provided, avoid, depth, mark, subgraph);
    }

    Set<FetchGroup> elsewhere(FetchGroup g, SelectionBuilder sel, String subgraph, String type, NormalizedField nf,
                              List<String> path, ProvidedFields provided, FetchGroup avoid, int depth, int mark,
                              String tried) {
        Unresolved unresolved = b.graph.unresolved;
        List<Unresolved.Entry> failed = unresolved.since(mark);
        NormalizedField pruned = prune(nf, Unresolved.fields(failed));
        if (pruned == null) return Set.of();
        for (Graph gr : b.sg.graphs()) {
            String g2 = gr.enumValue();
            if (g2.equals(tried) || !b.resolvability.resolvesAsEntity(g2, type, nf.name())) continue;
            String key = null;
            for (String k : b.resolvability.keys(g2, type)) {
                if (b.resolvability.resolvesInPlace(subgraph, type, b.resolvability.fieldSet(type, k), provided)) {
                    key = k;
                    break;
                }
            }
            if (key == null) continue;
            int retryMark = unresolved.mark();
            NormalizedSelectionSet keyNs = b.jumps.avoidConflicts(b.resolvability.fieldSet(type, key), type, sel);
            Set<FetchGroup> keyDeps = b.ensure(g, sel, subgraph, type, keyNs.fieldsFor(type), path, provided, avoid,
                    depth + 1, false, Set.of(subgraph));
            sel.typename();
            FetchGroup eg = b.graph.entityGroup(g2, path, g, avoid, keyDeps, g.defer, x -> true);
            eg.dependencies.add(g);
            eg.dependencies.addAll(keyDeps);
            eg.noteConditions(Set.of());
            b.jumps.addRepresentation(eg.input(type, type), keyNs, type, true);
            b.addLocal(eg, eg.selection.on(type), g2, type, pruned, path, null, Set.of(g2));
            if (unresolved.size() == retryMark) {
                // the retry resolved everything that failed: forget the failures (the entries since mark)
                unresolved.truncate(mark);
                Set<FetchGroup> out = new LinkedHashSet<>(keyDeps);
                out.add(eg);
                return out;
            }
            // keep the original failures only
            unresolved.truncate(retryMark);
        }
        return Set.of();
    }

    /** The field with only the parts of its sub-selection that contain one of the failed fields. */
    static NormalizedField prune(NormalizedField nf, Set<NormalizedField> failed) {
        if (nf.children() == null) return failed.contains(nf) ? nf : null;
        Map<String, List<NormalizedField>> byType = new LinkedHashMap<>();
        boolean any = false;
        for (Map.Entry<String, List<NormalizedField>> e : nf.children().byType().entrySet()) {
            List<NormalizedField> kept = new ArrayList<>();
            for (NormalizedField c : e.getValue()) {
                if (failed.contains(c)) {
                    kept.add(c);
                    any = true;
                } else if (c.children() != null) {
                    NormalizedField p = prune(c, failed);
                    if (p != null) {
                        kept.add(p);
                        any = true;
                    }
                }
            }
            byType.put(e.getKey(), kept);
        }
        if (!any) return null;
        return nf.withChildren(new NormalizedSelectionSet(nf.children().declaredType(), byType));
    }
}
