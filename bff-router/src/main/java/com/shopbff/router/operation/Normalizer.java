package com.shopbff.router.operation;

import com.shopbff.router.operation.Inclusion.Literal;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.FieldDef;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;
import graphql.language.*;

import java.util.*;

/**
 * Stage 1 of planning: turns a validated document into a {@link NormalizedOperation} — fragments inlined,
 * fields merged per concrete type (the spec's CollectFields for each type a selection can meet).
 * {@code @skip}/{@code @include} with literal arguments are decided here; on variables they become each field's
 * {@link Inclusion}, so one normalisation (and one plan) serves every variable value. {@code @defer} fragments
 * mark their fields with a {@link DeferredFragment} (a {@code @defer(if: $v)} is decided with the variable's value).
 */
public final class Normalizer {
    private final Supergraph supergraph;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    /** Client operations only see API types: an object of an inaccessible type completes as null. */
    private final boolean apiOnly;
    /**
     * Whether {@code @defer} defers: in queries only. A mutation's fields run one after another in order and a
     * subscription answers per event; there the fragment's fields are simply delivered with the rest (which the
     * incremental delivery spec allows).
     */
    private boolean deferAllowed;
    /** Deferred fragments by the fragment node and where it is applied (a fragment used twice defers twice). */
    private final Map<DeferKey, DeferredFragment> defers = new LinkedHashMap<>();

    private record DeferKey(Node<?> fragment, DeferredFragment parent, String at) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DeferKey k && k.fragment == fragment && Objects.equals(k.parent, parent) && k.at.equals(at);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(fragment) * 31 + at.hashCode();
        }
    }

    /** One selection of a field: the field node, the literals its position adds, the fragment delivering it. */
    private record Occurrence(Field field, Set<Literal> literals, DeferredFragment defer) {
    }

    /** A selection set to collect, with the literals and deferred fragment of where it sits. */
    private record Scoped(SelectionSet set, Set<Literal> literals, DeferredFragment defer) {
    }

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
        n.deferAllowed = op.getOperation() == OperationDefinition.Operation.QUERY;
        NormalizedSelectionSet rootSel = n.selectionSet(root, List.of(new Scoped(op.getSelectionSet(), Set.of(), null)),
                Set.of(), null, "");
        boolean introspection = false;
        for (NormalizedField f : rootSel.fieldsFor(root)) {
            if (f.name().equals("__schema") || f.name().equals("__type")) introspection = true;
        }
        List<DeferredFragment> deferred = new ArrayList<>(n.defers.values());
        deferred.sort(Comparator.comparingInt(DeferredFragment::id));
        return new NormalizedOperation(kind, op.getName(), root, rootSel, defs, introspection, deferred);
    }

    /**
     * Normalises a field set (key, requires, provides) on a type, for the planner. The result is keyed by
     * {@code type} itself even for an interface (an interface object is an object in its subgraph).
     */
    public static NormalizedSelectionSet fieldSet(Supergraph sg, String type, SelectionSet ss) {
        return new Normalizer(sg, Map.of(), Map.of(), false)
                .selectionSet(type, List.of(type), List.of(new Scoped(ss, Set.of(), null)), Set.of(), null, "");
    }

    /**
     * Names of variables whose values change the normalisation: those of {@code @defer(if: $v)} (whether a fragment
     * is deferred). {@code @skip}/{@code @include} variables do not: fields carry them as {@link Inclusion}s.
     */
    public static Set<String> normalizationVariables(Document doc) {
        Set<String> out = new TreeSet<>();
        new Object() {
            void visit(Node<?> n) {
                if (n instanceof Directive d && d.getName().equals("defer")) {
                    Argument a = d.getArgument("if");
                    if (a != null && a.getValue() instanceof VariableReference v) out.add(v.getName());
                }
                for (Node<?> c : n.getChildren()) visit(c);
            }
        }.visit(doc);
        return out;
    }

    private NormalizedSelectionSet selectionSet(String declared, List<Scoped> sets, Set<Literal> implied,
                                                DeferredFragment context, String at) {
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
        return selectionSet(declared, possible, sets, implied, context, at);
    }

    private NormalizedSelectionSet selectionSet(String declared, List<String> possible, List<Scoped> sets,
                                                Set<Literal> implied, DeferredFragment context, String at) {
        Map<String, List<NormalizedField>> byType = new LinkedHashMap<>();
        for (String t : possible) {
            LinkedHashMap<String, List<Occurrence>> grouped = new LinkedHashMap<>();
            for (Scoped s : sets) collect(t, s.set(), s.literals(), s.defer(), grouped, new HashSet<>(), at);
            List<NormalizedField> fields = new ArrayList<>(grouped.size());
            TypeDef td = supergraph.type(t);
            for (Map.Entry<String, List<Occurrence>> e : grouped.entrySet()) {
                List<Occurrence> occurrences = e.getValue();
                Field first = occurrences.get(0).field();
                String name = first.getName();
                List<Set<Literal>> literalSets = new ArrayList<>(occurrences.size());
                DeferredFragment defer = occurrences.get(0).defer();
                for (Occurrence o : occurrences) {
                    literalSets.add(o.literals());
                    // selected in the initial part of its parent too: delivered with the parent
                    if (Objects.equals(o.defer(), context)) defer = context;
                }
                Inclusion inclusion = Inclusion.of(literalSets, implied);
                DeferredFragment own = Objects.equals(defer, context) ? null : defer;
                if (name.startsWith("__")) {
                    fields.add(new NormalizedField(e.getKey(), name, args(first), null, null, false, inclusion, own));
                    continue;
                }
                FieldDef fd = td.fields().get(name);
                if (fd == null) continue; // validation rejected unknown fields; field sets may name none
                NormalizedSelectionSet children = null;
                TypeDef rt = supergraph.type(fd.type().named());
                if (rt != null && rt.isComposite()) {
                    DeferredFragment childContext = own != null ? own : context;
                    List<Scoped> sub = new ArrayList<>();
                    for (Occurrence o : occurrences) {
                        if (o.field().getSelectionSet() != null) {
                            sub.add(new Scoped(o.field().getSelectionSet(), o.literals(), childContext));
                        }
                    }
                    children = selectionSet(rt.name(), sub, Inclusion.implied(implied, inclusion), childContext,
                            at + "/" + e.getKey());
                }
                fields.add(new NormalizedField(e.getKey(), name, args(first), fd.type(), children, false, inclusion, own));
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

    private void collect(String type, SelectionSet ss, Set<Literal> literals, DeferredFragment defer,
                         Map<String, List<Occurrence>> out, Set<String> visited, String at) {
        for (Selection<?> sel : ss.getSelections()) {
            Set<Literal> lits = literals;
            if (sel instanceof DirectivesContainer<?> dc) {
                lits = conditions(dc, literals);
                if (lits == null) continue; // excluded by a literal argument
            }
            if (sel instanceof Field f) {
                out.computeIfAbsent(f.getResultKey(), k -> new ArrayList<>()).add(new Occurrence(f, lits, defer));
            } else if (sel instanceof InlineFragment inf) {
                if (inf.getTypeCondition() == null || applies(inf.getTypeCondition().getName(), type)) {
                    collect(type, inf.getSelectionSet(), lits, deferOf(inf, defer, at), out, visited, at);
                }
            } else if (sel instanceof FragmentSpread fs) {
                FragmentDefinition fd = fragments.get(fs.getName());
                if (fd == null || !visited.add(fs.getName())) continue;
                if (applies(fd.getTypeCondition().getName(), type)) {
                    collect(type, fd.getSelectionSet(), lits, deferOf(fs, defer, at), out, visited, at);
                }
            }
        }
    }

    /** The deferred fragment a {@code @defer} on this fragment opens, or the enclosing one. */
    private DeferredFragment deferOf(DirectivesContainer<?> fragment, DeferredFragment enclosing, String at) {
        if (!deferAllowed) return enclosing;
        Directive d = fragment.getDirectives().stream().filter(x -> x.getName().equals("defer")).findFirst().orElse(null);
        if (d == null) return enclosing;
        Argument ifArg = d.getArgument("if");
        if (ifArg != null) {
            Value<?> v = ifArg.getValue();
            if (v instanceof BooleanValue b && !b.isValue()) return enclosing;
            if (v instanceof VariableReference r && !Boolean.TRUE.equals(variables.get(r.getName()))) return enclosing;
        }
        Argument labelArg = d.getArgument("label");
        String label = labelArg != null && labelArg.getValue() instanceof StringValue s ? s.getValue() : null;
        return defers.computeIfAbsent(new DeferKey((Node<?>) fragment, enclosing, at),
                k -> new DeferredFragment(defers.size(), label, enclosing));
    }

    private boolean applies(String condition, String type) {
        return condition.equals(type) || supergraph.possibleTypes(condition).contains(type);
    }

    /**
     * The literals after this selection's {@code @skip}/{@code @include}: null when a literal argument excludes it,
     * else {@code literals} plus one per variable condition.
     */
    private static Set<Literal> conditions(DirectivesContainer<?> dc, Set<Literal> literals) {
        Set<Literal> out = literals;
        for (Directive d : dc.getDirectives()) {
            boolean skip = d.getName().equals("skip");
            if (!skip && !d.getName().equals("include")) continue;
            Argument a = d.getArgument("if");
            if (a == null) continue;
            Value<?> v = a.getValue();
            if (v instanceof BooleanValue b) {
                if (b.isValue() == skip) return null;
            } else if (v instanceof VariableReference r) {
                if (out == literals) out = new LinkedHashSet<>(literals);
                out.add(new Literal(r.getName(), !skip));
            }
        }
        return out;
    }
}
