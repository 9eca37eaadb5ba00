package com.shopbff.router.plan.build;

import com.shopbff.router.operation.DeferredFragment;
import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.plan.resolve.ProvidedFields;
import com.shopbff.router.plan.resolve.Resolvability;
import com.shopbff.router.supergraph.SupergraphModel.Graph;
import com.shopbff.router.supergraph.SupergraphModel.JoinType;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;

import java.util.*;

/**
 * Entity jumps: fetching fields the current subgraph cannot resolve from another subgraph through
 * {@code _entities}. {@link #choose} picks the target subgraph and key; {@link #take} adds the key (and the
 * field's {@code @requires}) to the source fetch and the fields to an entity fetch group.
 */
final class EntityJumps {
    /**
     * How many keys deep the builder goes when the current subgraph lacks a key's fields and must fetch them from a
     * third subgraph first (key of a key of a key). Composite keys spread over more subgraphs are unusual.
     */
    static final int MAX_KEY_CHAIN = 3;

    /** A jump: fetch {@code fields} from {@code graph} by {@code key}, as objects of {@code target}. */
    record Jump(String graph, String target, String key, List<NormalizedField> fields) {
    }

    private final FetchGraphBuilder b;
    private final Resolvability r;

    EntityJumps(FetchGraphBuilder b) {
        this.b = b;
        this.r = b.resolvability;
    }

    /**
     * The best jump for some of {@code remote}: a key the current subgraph resolves in place wins; then the
     * subgraph resolving the most fields. {@code target} is the type itself or an interface the subgraph knows as
     * an interface object. Null when no subgraph can take any of them.
     */
    Jump choose(String subgraph, String type, List<NormalizedField> remote, ProvidedFields provided, int depth,
                boolean sameGraphOk) {
        Jump best = null;
        int bestScore = -1;
        TypeDef td = b.sg.type(type);
        for (Graph gr : b.sg.graphs()) {
            String g2 = gr.enumValue();
            List<String> targets = new ArrayList<>();
            if (b.sg.joinType(type, g2) != null) targets.add(type);
            for (String i : td.interfaces()) {
                JoinType ij = b.sg.joinType(i, g2);
                if (ij != null && ij.interfaceObject()) targets.add(i);
            }
            for (String target : targets) {
                List<NormalizedField> can = new ArrayList<>();
                for (NormalizedField nf : remote) {
                    if (!nf.isTypename() && r.resolvesAsEntity(g2, target, nf.name())) {
                        if (!sameGraphOk && g2.equals(subgraph) && r.resolvesInPlace(subgraph, type, nf.name(), provided)) continue;
                        can.add(nf);
                    }
                }
                if (can.isEmpty()) continue;
                for (String key : r.keys(g2, target)) {
                    NormalizedSelectionSet keyNs = r.fieldSet(type, key);
                    boolean keyLocal = r.resolvesInPlace(subgraph, type, keyNs, provided);
                    if (!keyLocal && (depth >= MAX_KEY_CHAIN || overlaps(keyNs, type, remote))) continue;
                    int score = (keyLocal ? 100000 : 0) + can.size() * 10;
                    if (score > bestScore) {
                        bestScore = score;
                        best = new Jump(g2, target, key, can);
                    }
                    if (keyLocal) break;
                }
            }
        }
        return best;
    }

    /** Carries out a jump from group {@code g}; returns the groups the data depends on. */
    Set<FetchGroup> take(Jump j, FetchGroup g, SelectionBuilder sel, String subgraph, String type, List<String> path,
                         ProvidedFields provided, FetchGroup avoid, int depth, DeferredFragment defer) {
        Set<FetchGroup> deps = new LinkedHashSet<>();
        NormalizedSelectionSet keyNs = avoidConflicts(r.fieldSet(type, j.key()), type, sel);
        Set<FetchGroup> keyDeps = b.ensure(g, sel, subgraph, type, keyNs.fieldsFor(type), path, provided, avoid,
                depth + 1, false, Set.of(subgraph));
        sel.typename();
        b.graph.jumpedFields += j.fields().size();
        for (NormalizedField nf : j.fields()) {
            String requires = r.requires(j.graph(), j.target(), nf.name());
            NormalizedSelectionSet reqNs = requires == null ? null : avoidConflicts(r.fieldSet(type, requires), type, sel);
            // one representation carries one value per field name: requirements of one field with other
            // arguments (price(currency: "USD") and price(currency: "EUR")) need separate entity fetches
            FetchGroup eg = b.graph.entityGroup(j.graph(), path, g, avoid, keyDeps, defer,
                    x -> reqNs == null || x.inputs.get(type) == null || carries(x.inputs.get(type).representation, reqNs, type));
            eg.dependencies.add(g);
            eg.dependencies.addAll(keyDeps);
            EntityInputBuilder in = eg.input(type, j.target());
            addRepresentation(in, keyNs, type, true);
            if (reqNs != null) {
                if (depth < FetchGraphBuilder.MAX_REQUIREMENT_NESTING) {
                    eg.dependencies.addAll(b.ensure(g, sel, subgraph, type, reqNs.fieldsFor(type), path, provided, eg,
                            depth + 1, false, Set.of(subgraph)));
                }
                addRepresentation(in, reqNs, type, false);
            }
            eg.noteConditions(b.conditionsOf(nf));
            NormalizedField fetched = withContextArguments(nf, j, eg, type, depth);
            if (fetched == null) {
                b.graph.unresolved.add(type, nf); // no ancestor sets the context it reads
                continue;
            }
            int before = b.graph.unresolved.mark();
            // entity fetches below the jumped field complete its data too: a requirement waits for them
            deps.addAll(b.addLocal(eg, eg.selection.on(j.target()), j.graph(), j.target(), fetched, path, null,
                    Set.of(j.graph())));
            if (b.graph.unresolved.size() > before && depth < FetchGraphBuilder.MAX_SHARED_FIELD_RETRY_NESTING
                    && r.isObjectTyped(nf)) {
                deps.addAll(b.retry.elsewhere(g, sel, subgraph, type, nf, path, provided, avoid, depth, before, j.graph()));
            }
            deps.add(eg);
        }
        return deps;
    }

    /**
     * A field with {@code @fromContext} arguments, with each argument passed as a variable whose value the
     * executor reads from the nearest ancestor setting the context; the ancestor's fetch selects what is read.
     * The field itself when it has none; null when no ancestor on the path sets a context it needs.
     */
    private NormalizedField withContextArguments(NormalizedField nf, Jump j, FetchGroup eg, String type, int depth) {
        var jf = r.joinField(j.graph(), j.target(), nf.name());
        if (jf == null || jf.contextArguments().isEmpty()) return nf;
        Map<String, graphql.language.Value<?>> args = new LinkedHashMap<>(nf.args());
        for (var ca : jf.contextArguments()) {
            FetchGraphBuilder.Ancestor a = b.ancestorWithContext(ca.context());
            if (a == null) return null;
            NormalizedSelectionSet read = r.fieldSet(a.type(), ca.selection());
            eg.dependencies.addAll(b.ensure(a.group(), a.selection(), a.subgraph(), a.type(), read.fieldsFor(a.type()),
                    a.path(), a.provided(), eg, depth + 1, false, Set.of(a.subgraph())));
            List<String> keys = new ArrayList<>();
            NormalizedSelectionSet level = read;
            String levelType = a.type();
            while (level != null && !level.fieldsFor(levelType).isEmpty()) {
                NormalizedField first = level.fieldsFor(levelType).get(0);
                keys.add(first.responseKey());
                level = first.children();
                levelType = first.type() == null ? null : first.type().named();
            }
            String variable = "contextualArgument_" + (b.contextVariables++);
            eg.contextVariables.add(new FetchGroup.ContextVariable(
                    new com.shopbff.router.plan.PlanNode.ContextArgumentSource(variable, a.path().size(), keys), ca.type()));
            args.put(ca.name(), graphql.language.VariableReference.newVariableReference().name(variable).build());
        }
        return new NormalizedField(nf.responseKey(), nf.name(), args, nf.type(), nf.children(), nf.removed(),
                nf.inclusion(), nf.defer());
    }

    /** Whether a representation can also carry {@code ns} without two values for one field name. */
    private static boolean carries(SelectionBuilder repr, NormalizedSelectionSet ns, String type) {
        for (NormalizedField f : ns.fieldsFor(type)) {
            for (SelectionBuilder.FieldBuilder existing : repr.fields.values()) {
                if (!existing.name().equals(f.name())) continue;
                if (!existing.responseKey().equals(f.responseKey())) return false;
                if (existing.children() != null && f.children() != null
                        && !carries(existing.children(), f.children(), f.children().declaredType())) return false;
            }
        }
        return true;
    }

    /**
     * A client may use a key field's name as the alias of another field ({@code id: name}); the planner's copy of
     * the key then takes another response key, which the representation reads from.
     */
    NormalizedSelectionSet avoidConflicts(NormalizedSelectionSet ns, String type, SelectionBuilder sel) {
        List<NormalizedField> fields = ns.fieldsFor(type);
        List<NormalizedField> out = null;
        for (int i = 0; i < fields.size(); i++) {
            NormalizedField f = fields.get(i);
            SelectionBuilder.FieldBuilder existing = sel.fields.get(f.responseKey());
            if (existing == null || f.isTypename()) continue;
            String args = Arguments.print(f, new HashSet<>());
            if (existing.name().equals(f.name()) && existing.arguments().equals(args)) continue;
            if (out == null) out = new ArrayList<>(fields);
            out.set(i, f.withResponseKey(f.responseKey() + "__key"));
        }
        if (out == null) return ns;
        Map<String, List<NormalizedField>> byType = new LinkedHashMap<>(ns.byType());
        byType.put(type, List.copyOf(out));
        return new NormalizedSelectionSet(ns.declaredType(), byType);
    }

    private static boolean overlaps(NormalizedSelectionSet keyNs, String type, List<NormalizedField> remote) {
        for (NormalizedField k : keyNs.fieldsFor(type)) {
            for (NormalizedField rf : remote) if (rf.name().equals(k.name())) return true;
        }
        return false;
    }

    /** Adds key ({@code key}) or required fields to an input's representation. */
    void addRepresentation(EntityInputBuilder in, NormalizedSelectionSet ns, String type, boolean key) {
        for (NormalizedField f : ns.fieldsFor(type)) {
            if (key) in.keyFields.add(f.responseKey());
            // in the representation the field appears under its name; in the object under its response key
            SelectionBuilder.FieldBuilder sf = in.representation.field(f.responseKey(), f.name(), f.children() != null);
            if (f.children() != null) addRepresentationChildren(sf.children(), f.children());
        }
    }

    private void addRepresentationChildren(SelectionBuilder sel, NormalizedSelectionSet ns) {
        TypeDef dt = b.sg.type(ns.declaredType());
        if (dt != null && dt.isAbstract()) sel.typename();
        for (List<NormalizedField> fields : ns.byType().values()) {
            for (NormalizedField f : fields) {
                SelectionBuilder.FieldBuilder sf = sel.field(f.responseKey(), f.name(), f.children() != null);
                if (f.children() != null) addRepresentationChildren(sf.children(), f.children());
            }
        }
    }
}
