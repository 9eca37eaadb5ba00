package com.shopbff.router.plan.resolve;

import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.FieldDef;
import com.shopbff.router.supergraph.SupergraphModel.JoinField;
import com.shopbff.router.supergraph.SupergraphModel.JoinType;
import com.shopbff.router.supergraph.SupergraphModel.Kind;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 2 of planning: where each field can be resolved. Answers, from the supergraph's join metadata, whether a
 * subgraph resolves a field in place (while it already fetches the parent), only when handed the entity
 * ({@code _entities}: fields with {@code @requires} or context arguments), which keys a subgraph accepts, what
 * {@code @provides} adds below a field, what type a subgraph itself gives a field ({@code @join__field(type:)}),
 * and which side of an {@code @override} resolves a field (progressive overrides by their labels).
 * <p>
 * One instance per set of active override labels ({@link #withActiveLabels}); the field-set caches are shared.
 */
public final class Resolvability {
    private final Supergraph sg;
    private final FieldSets fieldSets;
    private final Set<String> activeLabels;

    public Resolvability(Supergraph sg) {
        this(sg, new FieldSets(sg), Set.of());
    }

    private Resolvability(Supergraph sg, FieldSets fieldSets, Set<String> activeLabels) {
        this.sg = sg;
        this.fieldSets = fieldSets;
        this.activeLabels = Set.copyOf(activeLabels);
    }

    /** The same supergraph with these progressive-override labels active (the overriding side resolves). */
    public Resolvability withActiveLabels(Set<String> labels) {
        return labels.equals(activeLabels) ? this : new Resolvability(sg, fieldSets, labels);
    }

    public Supergraph supergraph() {
        return sg;
    }

    /**
     * Whether an {@code @override} takes the field away from this join entry: the overridden side of a plain
     * override ({@code usedOverridden}); with a progressive label, the overridden side while the label is active
     * and the overriding side while it is not.
     */
    public boolean overridden(JoinField jf) {
        if (jf.usedOverridden()) return true;
        if (jf.overrideLabel() == null) return false;
        boolean active = activeLabels.contains(jf.overrideLabel());
        return jf.override() != null ? !active : active;
    }

    /** Whether graph {@code g} resolves {@code type.field} in place (no entity fetch needed). */
    public boolean resolvesInPlace(String g, String type, String field, ProvidedFields provided) {
        if (field.startsWith("__")) return true;
        FieldDef fd = field(type, field);
        if (fd == null) return false;
        // a provided field must still be declared (as @external) by the subgraph for this very type
        if (provided != null && provided.has(sg, type, field)
                && (Supergraph.joinField(fd, g) != null || (!Supergraph.hasGraphJoinFields(fd) && sg.typeInGraph(type, g)))) {
            return true;
        }
        if (Supergraph.hasGraphJoinFields(fd)) {
            JoinField jf = Supergraph.joinField(fd, g);
            return jf != null && !jf.external() && !overridden(jf) && jf.requires() == null
                    && jf.contextArguments().isEmpty();
        }
        if (!fd.joinFields().isEmpty()) return false; // filled in by an interface object elsewhere
        return sg.typeInGraph(type, g);
    }

    /** Whether graph {@code g} resolves the field when handed the entity (requirements and context allowed). */
    public boolean resolvesAsEntity(String g, String type, String field) {
        FieldDef fd = field(type, field);
        if (fd == null) return false;
        if (Supergraph.hasGraphJoinFields(fd)) {
            JoinField jf = Supergraph.joinField(fd, g);
            return jf != null && !jf.external() && !overridden(jf);
        }
        if (!fd.joinFields().isEmpty()) return false;
        return sg.typeInGraph(type, g);
    }

    /** Whether every field of a field set resolves in place in graph {@code g} on {@code type}. */
    public boolean resolvesInPlace(String g, String type, NormalizedSelectionSet ns, ProvidedFields provided) {
        for (List<NormalizedField> fields : ns.byType().values()) {
            for (NormalizedField f : fields) {
                if (!resolvesInPlace(g, type, f.name(), provided)) return false;
                if (f.children() != null) {
                    ProvidedFields cp = provided == null ? null : provided.child(sg, type, f.name());
                    for (Map.Entry<String, List<NormalizedField>> e : f.children().byType().entrySet()) {
                        for (NormalizedField c : e.getValue()) {
                            if (!resolvesInPlace(g, e.getKey(), c.name(), cp)
                                    && !resolvesInPlace(g, f.type().named(), c.name(), cp)) return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** The {@code @requires} field set of {@code type.field} in graph {@code g}, or null. */
    public String requires(String g, String type, String field) {
        JoinField jf = joinField(g, type, field);
        return jf == null ? null : jf.requires();
    }

    /** The join entry of {@code type.field} for graph {@code g}, or null. */
    public JoinField joinField(String g, String type, String field) {
        FieldDef fd = field(type, field);
        return fd == null ? null : Supergraph.joinField(fd, g);
    }

    /** What {@code @provides} on {@code type.field} in graph {@code g} makes resolvable below it (null: nothing). */
    public ProvidedFields provides(String g, String type, String field) {
        JoinField jf = joinField(g, type, field);
        return jf == null || jf.provides() == null ? null : fieldSets.provided(jf.provides());
    }

    /** A field set on {@code type}, normalised (arguments-bearing fields get internal response keys). */
    public NormalizedSelectionSet fieldSet(String type, String fieldSet) {
        return fieldSets.selection(type, fieldSet);
    }

    /** The keys by which graph {@code g} resolves entities of {@code type} ({@code resolvable: true} only). */
    public List<String> keys(String g, String type) {
        List<String> out = new ArrayList<>();
        TypeDef td = sg.type(type);
        if (td == null) return out;
        for (JoinType jt : td.joinTypes()) {
            if (jt.graph().equals(g) && jt.key() != null && jt.resolvable()) out.add(jt.key());
        }
        return out;
    }

    /** Whether some subgraph resolves entities of {@code type} by a key. */
    public boolean isEntity(String type) {
        TypeDef td = sg.type(type);
        if (td == null) return false;
        for (JoinType jt : td.joinTypes()) if (jt.key() != null && jt.resolvable()) return true;
        return false;
    }

    /** The name of the type graph {@code g} gives {@code type.field} (its own type when it differs). */
    public String subgraphFieldType(String g, String type, String field) {
        FieldDef fd = field(type, field);
        if (fd == null) return null;
        JoinField jf = Supergraph.joinField(fd, g);
        if (jf != null && jf.type() != null) return com.shopbff.router.supergraph.SupergraphModel.TypeRef.parse(jf.type()).named();
        return fd.type().named();
    }

    /**
     * Whether splitting a field across subgraphs is sound: only for object types (for an abstract type each
     * subgraph may answer with another runtime type, and a merged object would be a mix).
     */
    public boolean isObjectTyped(NormalizedField f) {
        if (f.type() == null) return false;
        TypeDef t = sg.type(f.type().named());
        return t != null && t.kind() == Kind.OBJECT;
    }

    private FieldDef field(String type, String field) {
        TypeDef td = sg.type(type);
        return td == null ? null : td.fields().get(field);
    }
}
