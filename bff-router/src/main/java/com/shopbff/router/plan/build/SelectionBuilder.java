package com.shopbff.router.plan.build;

import com.shopbff.router.operation.Inclusion;
import com.shopbff.router.plan.FetchSelection;
import com.shopbff.router.plan.PlanNode.ReprField;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The selection of one fetch while it is being built: fields by response key and type conditions by type, both
 * in insertion order. {@link #freeze()} turns it into the plan's immutable {@link FetchSelection}.
 */
final class SelectionBuilder {
    final LinkedHashMap<String, FieldBuilder> fields = new LinkedHashMap<>();
    final LinkedHashMap<String, SelectionBuilder> typeConditions = new LinkedHashMap<>();

    /**
     * A field being built.
     *
     * @param variables  client variables its arguments use
     * @param conditions {@code @skip}/{@code @include} literals printed on it (empty: unconditional)
     * @param typeText   the field's type in the subgraph (used to detect response-shape conflicts between sibling
     *                   type conditions), null when unknown
     */
    record FieldBuilder(String responseKey, String name, String arguments, Set<String> variables,
                        Set<Inclusion.Literal> conditions, SelectionBuilder children, String typeText) {
        FieldBuilder withResponseKey(String key) {
            return new FieldBuilder(key, name, arguments, variables, conditions, children, typeText);
        }
    }

    /**
     * The field under {@code key}, added when absent. An existing one is returned as it is, except that it loses
     * its conditions when this selection of it has other ones (the field is then fetched whenever either needs it;
     * response completion still applies the client's conditions).
     */
    FieldBuilder field(String key, String name, String arguments, Set<Inclusion.Literal> conditions,
                       Set<String> variables, boolean composite, String typeText) {
        FieldBuilder f = fields.get(key);
        if (f == null) {
            f = new FieldBuilder(key, name, arguments, variables, conditions, composite ? new SelectionBuilder() : null,
                    typeText);
            fields.put(key, f);
        } else if (!f.conditions().equals(conditions)) {
            f = new FieldBuilder(key, f.name(), f.arguments(), f.variables(), Set.of(), f.children(), f.typeText());
            fields.put(key, f);
        }
        return f;
    }

    FieldBuilder field(String key, String name, boolean composite) {
        return field(key, name, "", Set.of(), Set.of(), composite, null);
    }

    void typename() {
        field("__typename", "__typename", false);
    }

    /** The type condition {@code ... on type}, added when absent. */
    SelectionBuilder on(String type) {
        return typeConditions.computeIfAbsent(type, t -> new SelectionBuilder());
    }

    boolean isEmpty() {
        if (!fields.isEmpty()) return false;
        for (SelectionBuilder s : typeConditions.values()) if (!s.isEmpty()) return false;
        return true;
    }

    FetchSelection freeze() {
        return freeze(Set.of());
    }

    /** Frozen, leaving out the condition literals known to hold (those of Condition nodes around the fetch). */
    FetchSelection freeze(Set<Inclusion.Literal> known) {
        List<FetchSelection.Field> fs = new ArrayList<>(fields.size());
        for (FieldBuilder f : fields.values()) {
            StringBuilder directives = new StringBuilder();
            Set<String> variables = new java.util.LinkedHashSet<>(f.variables());
            for (Inclusion.Literal l : new java.util.TreeSet<>(f.conditions())) {
                if (known.contains(l)) continue;
                directives.append(' ').append(l.directive());
                variables.add(l.variable());
            }
            fs.add(new FetchSelection.Field(f.responseKey(), f.name(), f.arguments(), directives.toString(),
                    List.copyOf(variables), f.children() == null ? null : f.children().freeze(known)));
        }
        List<FetchSelection.TypeCondition> tcs = new ArrayList<>(typeConditions.size());
        for (Map.Entry<String, SelectionBuilder> e : typeConditions.entrySet()) {
            tcs.add(new FetchSelection.TypeCondition(e.getKey(), e.getValue().freeze(known)));
        }
        return new FetchSelection(fs, tcs);
    }

    /** Field types by response key, over fields and type conditions (for response-shape conflict checks). */
    Map<String, String> typeTexts() {
        Map<String, String> m = new LinkedHashMap<>();
        for (FieldBuilder f : fields.values()) if (f.typeText() != null) m.put(f.responseKey(), f.typeText());
        return m;
    }

    /** The representation fields this selection describes (for entity inputs). */
    List<ReprField> toRepr() {
        List<ReprField> out = new ArrayList<>();
        for (FieldBuilder f : fields.values()) {
            out.add(new ReprField(f.name(), f.responseKey(), f.children() == null ? null : f.children().toRepr()));
        }
        for (SelectionBuilder s : typeConditions.values()) {
            for (ReprField r : s.toRepr()) if (out.stream().noneMatch(o -> o.name().equals(r.name()))) out.add(r);
        }
        return out;
    }
}
