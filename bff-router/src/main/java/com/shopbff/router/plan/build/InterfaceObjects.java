package com.shopbff.router.plan.build;

import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.plan.resolve.ProvidedFields;
import com.shopbff.router.supergraph.SupergraphModel.JoinType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An abstract-typed field served by a subgraph that knows the interface only as an object
 * ({@code @interfaceObject}): it cannot tell the concrete type. Without type conditions the interface level is
 * enough; otherwise the concrete type (and the concrete fields) come from a subgraph that owns the interface, by
 * the interface's key.
 */
final class InterfaceObjects {
    private final FetchGraphBuilder b;

    InterfaceObjects(FetchGraphBuilder b) {
        this.b = b;
    }

    void plan(FetchGroup g, SelectionBuilder cs, String subgraph, String iface, NormalizedSelectionSet ns,
              List<String> path, ProvidedFields provided, Set<String> alternatives) {
        List<NormalizedField> common = null;
        boolean simple = true;
        for (List<NormalizedField> fields : ns.byType().values()) {
            for (NormalizedField f : fields) {
                // without type conditions or __typename the interface level is enough: fields the interface
                // object lacks are fetched by interface key, no need to learn the concrete type
                if (f.isTypename() || b.sg.type(iface).fields().get(f.name()) == null) simple = false;
            }
            if (common == null) common = fields;
            else if (!responseKeys(common).equals(responseKeys(fields))) simple = false;
        }
        if (common == null) return;
        if (simple) {
            b.ensure(g, cs, subgraph, iface, common, path, provided, null, 0, false, alternatives);
            return;
        }
        JoinType owner = null;
        for (JoinType jt : b.sg.type(iface).joinTypes()) {
            if (!jt.interfaceObject() && jt.key() != null && jt.resolvable() && !jt.graph().equals(subgraph)) {
                owner = jt;
                break;
            }
        }
        if (owner == null) {
            b.ensure(g, cs, subgraph, iface, common, path, provided, null, 0, false, alternatives);
            return;
        }
        NormalizedSelectionSet keyNs = b.resolvability.fieldSet(iface, owner.key());
        b.ensure(g, cs, subgraph, iface, keyNs.fieldsFor(iface), path, provided, null, 1, false, alternatives);
        FetchGroup og = b.graph.entityGroup(owner.graph(), path, g, null, Set.of(), g.defer, x -> true);
        og.dependencies.add(g);
        og.noteConditions(Set.of());
        b.jumps.addRepresentation(og.input(iface, iface), keyNs, iface, true);
        SelectionBuilder onInterface = og.selection.on(iface);
        onInterface.typename();
        for (Map.Entry<String, List<NormalizedField>> e : ns.byType().entrySet()) {
            if (!b.sg.graphCanReturn(owner.graph(), iface, e.getKey())) continue;
            // resolving by interface key only tells the concrete type; the concrete fields are fetched with the
            // concrete typename (the subgraph's interface reference resolver may not provide them)
            b.ensure(og, onInterface.on(e.getKey()), owner.graph(), e.getKey(), e.getValue(), path, null, null, 0, true,
                    Set.of(owner.graph()));
        }
    }

    private static List<String> responseKeys(List<NormalizedField> fs) {
        List<String> out = new ArrayList<>();
        for (NormalizedField f : fs) out.add(f.responseKey());
        return out;
    }
}
