package com.shopbff.router.operation;

import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.FieldDef;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;
import graphql.language.*;

import java.util.*;

/**
 * Turns a validated document into an {@link NormalizedOperation}: fragments inlined, fields merged per concrete type,
 * {@code @skip}/{@code @include} evaluated against the request's variables (the plan cache key therefore
 * includes the values of the variables those directives use).
 */
public final class Normalizer {
    private final Supergraph supergraph;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    /** Client operations only see API types: an object of an inaccessible type completes as null. */
    private final boolean apiOnly;

    private Normalizer(Supergraph supergraph, Map<String, FragmentDefinition> fragments, Map<String, Object> variables,
                       boolean apiOnly) {
        this.supergraph = supergraph;
        this.fragments = fragments;
        this.variables = variables;
        this.apiOnly = apiOnly;
    }

    /** Normalises the selected operation of a document. */
    public static NormalizedOperation normalize(Supergraph sg, Document doc, OperationDefinition op, Map<String, Object> vars) {
        Map<String, FragmentDefinition> frags = new HashMap<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof FragmentDefinition f) frags.put(f.getName(), f);
        }
        Map<String, Object> effective = new HashMap<>();
        Map<String, VariableDefinition> defs = new LinkedHashMap<>();
        for (VariableDefinition vd : op.getVariableDefinitions()) {
            defs.put(vd.getName(), vd);
            if (vars != null && vars.containsKey(vd.getName())) effective.put(vd.getName(), vars.get(vd.getName()));
            else if (vd.getDefaultValue() instanceof BooleanValue b) effective.put(vd.getName(), b.isValue());
        }
        String kind = switch (op.getOperation()) {
            case MUTATION -> "mutation";
            case SUBSCRIPTION -> "subscription";
            default -> "query";
        };
        String root = switch (op.getOperation()) {
            case MUTATION -> sg.mutationType();
            case SUBSCRIPTION -> sg.subscriptionType();
            default -> sg.queryType();
        };
        Normalizer n = new Normalizer(sg, frags, effective, true);
        NormalizedSelectionSet rootSel = n.selectionSet(root, List.of(op.getSelectionSet()));
        boolean introspection = false;
        for (NormalizedField f : rootSel.fieldsFor(root)) {
            if (f.name().equals("__schema") || f.name().equals("__type")) introspection = true;
        }
        return new NormalizedOperation(kind, op.getName(), root, rootSel, defs, introspection);
    }

    /**
     * Normalises a field set (key, requires, provides) on a type, for the planner. The result is keyed by
     * {@code type} itself even for an interface (an interface object is an object in its subgraph).
     */
    public static NormalizedSelectionSet fieldSet(Supergraph sg, String type, SelectionSet ss) {
        return new Normalizer(sg, Map.of(), Map.of(), false).selectionSet(type, List.of(type), List.of(ss));
    }

    /** Names of variables used by {@code @skip}/{@code @include} anywhere in the document. */
    public static Set<String> conditionVariables(Document doc) {
        Set<String> out = new TreeSet<>();
        new Object() {
            void visit(Node<?> n) {
                if (n instanceof Directive d && (d.getName().equals("skip") || d.getName().equals("include"))) {
                    Argument a = d.getArgument("if");
                    if (a != null && a.getValue() instanceof VariableReference v) out.add(v.getName());
                }
                for (Node<?> c : n.getChildren()) visit(c);
            }
        }.visit(doc);
        return out;
    }

    NormalizedSelectionSet selectionSet(String declared, List<SelectionSet> sets) {
        List<String> possible = supergraph.possibleTypes(declared);
        if (apiOnly) {
            List<String> visible = new ArrayList<>(possible.size());
            for (String t : possible) if (!supergraph.type(t).inaccessible()) visible.add(t);
            possible = visible;
        }
        // an interface nobody implements (only interface objects extend it) is selected on as if it were an
        // object, so that the planner can still tell which fields no subgraph resolves
        if (possible.isEmpty() && supergraph.type(declared) != null && supergraph.type(declared).isAbstract()) {
            possible = List.of(declared);
        }
        return selectionSet(declared, possible, sets);
    }

    NormalizedSelectionSet selectionSet(String declared, List<String> possible, List<SelectionSet> sets) {
        Map<String, List<NormalizedField>> byType = new LinkedHashMap<>();
        for (String t : possible) {
            LinkedHashMap<String, List<Field>> grouped = new LinkedHashMap<>();
            for (SelectionSet ss : sets) collect(t, ss, grouped, new HashSet<>());
            List<NormalizedField> fields = new ArrayList<>(grouped.size());
            TypeDef td = supergraph.type(t);
            for (Map.Entry<String, List<Field>> e : grouped.entrySet()) {
                Field first = e.getValue().get(0);
                String name = first.getName();
                if (name.startsWith("__")) {
                    fields.add(new NormalizedField(e.getKey(), name, args(first), null, null));
                    continue;
                }
                FieldDef fd = td.fields().get(name);
                if (fd == null) continue; // validation rejected unknown fields; field sets may name none
                NormalizedSelectionSet children = null;
                TypeDef rt = supergraph.type(fd.type().named());
                if (rt != null && rt.isComposite()) {
                    List<SelectionSet> sub = new ArrayList<>();
                    for (Field f : e.getValue()) if (f.getSelectionSet() != null) sub.add(f.getSelectionSet());
                    children = selectionSet(rt.name(), sub);
                }
                fields.add(new NormalizedField(e.getKey(), name, args(first), fd.type(), children));
            }
            byType.put(t, List.copyOf(fields));
        }
        return new NormalizedSelectionSet(declared, byType);
    }

    private static Map<String, Value<?>> args(Field f) {
        if (f.getArguments().isEmpty()) return Map.of();
        Map<String, Value<?>> m = new LinkedHashMap<>();
        for (Argument a : f.getArguments()) m.put(a.getName(), a.getValue());
        return m;
    }

    private void collect(String type, SelectionSet ss, Map<String, List<Field>> out, Set<String> visited) {
        for (Selection<?> sel : ss.getSelections()) {
            if (sel instanceof DirectivesContainer<?> dc && !included(dc)) continue;
            if (sel instanceof Field f) {
                out.computeIfAbsent(f.getResultKey(), k -> new ArrayList<>()).add(f);
            } else if (sel instanceof InlineFragment inf) {
                if (inf.getTypeCondition() == null || applies(inf.getTypeCondition().getName(), type)) {
                    collect(type, inf.getSelectionSet(), out, visited);
                }
            } else if (sel instanceof FragmentSpread fs) {
                FragmentDefinition fd = fragments.get(fs.getName());
                if (fd == null || !visited.add(fs.getName())) continue;
                if (applies(fd.getTypeCondition().getName(), type)) collect(type, fd.getSelectionSet(), out, visited);
            }
        }
    }

    private boolean applies(String condition, String type) {
        return condition.equals(type) || supergraph.possibleTypes(condition).contains(type);
    }

    private boolean included(DirectivesContainer<?> dc) {
        for (Directive d : dc.getDirectives()) {
            if (d.getName().equals("skip") && truthy(d)) return false;
            if (d.getName().equals("include") && !truthy(d)) return false;
        }
        return true;
    }

    private boolean truthy(Directive d) {
        Argument a = d.getArgument("if");
        if (a == null) return false;
        Value<?> v = a.getValue();
        if (v instanceof BooleanValue b) return b.isValue();
        if (v instanceof VariableReference r) return Boolean.TRUE.equals(variables.get(r.getName()));
        return false;
    }
}
