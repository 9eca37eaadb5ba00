package com.shopbff.router.plan.build;

import com.shopbff.router.operation.DeferredFragment;
import com.shopbff.router.operation.Inclusion;
import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.plan.resolve.ProvidedFields;
import com.shopbff.router.plan.resolve.Resolvability;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.JoinField;
import com.shopbff.router.supergraph.SupergraphModel.JoinType;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;

import java.util.*;

/**
 * Stage 3 of planning: builds the {@link FetchGraph} of an operation. It walks the normalised operation subgraph
 * by subgraph: a field the current subgraph resolves in place stays in its fetch ({@link #addLocal}); any other
 * field is fetched through an entity jump ({@code _entities}) to a subgraph that can resolve it, by a key the
 * current subgraph has or can get first ({@link EntityJumps}); {@code @requires} fields are made available on the
 * entity before the jump; {@code @provides} widens what a subgraph may resolve below a field. A shared field whose
 * sub-selection the chosen subgraph resolves only partly is completed through another subgraph
 * ({@link SharedFieldRetry}). What nothing resolves is recorded in one {@link Unresolved} list.
 * <p>
 * Abstract-typed fields keep only the type conditions every subgraph that could serve the field can return
 * ({@link #allowedTypes}): a subgraph must never receive a fragment its own schema rejects, and a {@code @shareable}
 * path must answer the same whichever subgraph serves it.
 */
public final class FetchGraphBuilder {
    /**
     * How many requirements deep ({@code @requires} needing fields that have requirements themselves) the builder
     * follows. Real supergraphs chain two or three; a deeper (or circular) chain is left unresolved.
     */
    static final int MAX_REQUIREMENT_NESTING = 8;
    /**
     * How deep below a field the builder still retries a partly resolved shared field in another subgraph. Each
     * retry plans the failed part again; the bound keeps pathological supergraphs from multiplying retries.
     */
    static final int MAX_SHARED_FIELD_RETRY_NESTING = 4;

    final Resolvability resolvability;
    final Supergraph sg;
    final NormalizedOperation op;
    final FetchGraph graph;
    final EntityJumps jumps;
    final SharedFieldRetry retry;

    /** An object on the path being planned (for context arguments, which read from an ancestor). */
    record Ancestor(String type, List<String> path, FetchGroup group, SelectionBuilder selection, String subgraph,
                    ProvidedFields provided) {
    }

    /** The objects on the path being planned, innermost first. */
    private final Deque<Ancestor> ancestors = new ArrayDeque<>();
    /** Numbers context-argument variables within the operation. */
    int contextVariables;

    /** The innermost object on the current path whose type (or one of its interfaces) sets the context. */
    Ancestor ancestorWithContext(String context) {
        for (Ancestor a : ancestors) {
            TypeDef t = sg.type(a.type());
            if (t == null) continue;
            if (t.contexts().contains(context)) return a;
            for (String i : t.interfaces()) {
                TypeDef it = sg.type(i);
                if (it != null && it.contexts().contains(context)) return a;
            }
        }
        return null;
    }

    /** For each field of the operation (by identity), the literals that hold whenever it is included. */
    private final Map<NormalizedField, Set<Inclusion.Literal>> effectiveConditions;

    public FetchGraphBuilder(Resolvability resolvability, NormalizedOperation op) {
        this.resolvability = resolvability;
        this.sg = resolvability.supergraph();
        this.op = op;
        this.graph = new FetchGraph(op.kind());
        this.jumps = new EntityJumps(this);
        this.retry = new SharedFieldRetry(this);
        this.effectiveConditions = new IdentityHashMap<>();
        indexConditions(op.root(), Set.of());
    }

    private void indexConditions(NormalizedSelectionSet set, Set<Inclusion.Literal> parent) {
        for (List<NormalizedField> fields : set.byType().values()) {
            for (NormalizedField f : fields) {
                Set<Inclusion.Literal> own = Inclusion.implied(parent, f.inclusion());
                effectiveConditions.put(f, own);
                if (f.children() != null) indexConditions(f.children(), own);
            }
        }
    }

    /** The literals that hold whenever {@code f} is included (empty for fields the planner made up). */
    Set<Inclusion.Literal> conditionsOf(NormalizedField f) {
        return effectiveConditions.getOrDefault(f, Set.of());
    }

    public FetchGraph graph() {
        return graph;
    }

    /** Adds a root field resolved by subgraph {@code g}. */
    public void rootField(String g, String rootType, NormalizedField f, Set<String> alternatives) {
        FetchGroup root = graph.rootGroup(g, f.defer());
        root.noteConditions(conditionsOf(f));
        addLocal(root, root.selection, g, rootType, f, List.of(), null, alternatives);
    }

    /** Adds a field resolved in place; returns the entity groups its sub-selection needed. */
    Set<FetchGroup> addLocal(FetchGroup g, SelectionBuilder sel, String subgraph, String type, NormalizedField nf,
                             List<String> path, ProvidedFields provided, Set<String> alternatives) {
        if (nf.isTypename()) {
            sel.field(nf.responseKey(), "__typename", false);
            return Set.of();
        }
        Set<String> vars = new LinkedHashSet<>();
        String args = Arguments.print(nf, vars);
        JoinField jf = resolvability.joinField(subgraph, type, nf.name());
        var fd = sg.type(type).fields().get(nf.name());
        String typeText = jf != null && jf.type() != null ? jf.type() : fd == null ? null : fd.type().text();
        // conditions go to the subgraph when two directives say them; otherwise the field is fetched always and
        // response completion applies them
        Set<Inclusion.Literal> conditions = nf.inclusion() != null && nf.inclusion().isSimple()
                ? nf.inclusion().anyOf().get(0) : Set.of();
        SelectionBuilder.FieldBuilder sf = sel.field(nf.responseKey(), nf.name(), args, conditions, vars,
                nf.children() != null, typeText);
        if (nf.children() == null) return Set.of();
        ProvidedFields childProvided = ProvidedFields.merge(provided == null ? null : provided.child(sg, type, nf.name()),
                resolvability.provides(subgraph, type, nf.name()));
        List<String> childPath = new ArrayList<>(path);
        childPath.add(nf.responseKey());
        for (int i = 0; i < nf.type().listDepth(); i++) childPath.add("@");
        Set<String> childAlternatives = alternativesFor(subgraph, type, nf, alternatives);
        return planChildren(g, sf.children(), subgraph, type, nf, List.copyOf(childPath), childProvided, childAlternatives);
    }

    /**
     * The subgraphs that could serve {@code type.field} as well as {@code subgraph} does: among the parent's
     * alternatives (or, for an entity, any subgraph that resolves the entity by a key) those resolving the field
     * in place. Always contains {@code subgraph}.
     */
    Set<String> alternativesFor(String subgraph, String type, NormalizedField f, Set<String> parentAlternatives) {
        Set<String> out = new LinkedHashSet<>();
        out.add(subgraph);
        boolean entity = resolvability.isEntity(type);
        for (var gr : sg.graphs()) {
            String h = gr.enumValue();
            if (h.equals(subgraph) || !resolvability.resolvesInPlace(h, type, f.name(), null)) continue;
            if (parentAlternatives.contains(h) || (entity && !resolvability.keys(h, type).isEmpty())) out.add(h);
        }
        return out;
    }

    /**
     * The concrete types under an abstract-typed field whose type conditions may be planned: those every
     * alternative subgraph can return for the field, each by its own type for the field
     * ({@code @join__field(type:)}) and its own union members and implementations.
     */
    Set<String> allowedTypes(String type, NormalizedField f, Set<String> alternatives) {
        Set<String> out = new LinkedHashSet<>();
        for (String concrete : f.children().byType().keySet()) {
            boolean all = true;
            for (String h : alternatives) {
                String declared = resolvability.subgraphFieldType(h, type, f.name());
                if (declared == null || !sg.graphCanReturn(h, declared, concrete)) {
                    all = false;
                    break;
                }
            }
            if (all) out.add(concrete);
        }
        return out;
    }

    private Set<FetchGroup> planChildren(FetchGroup g, SelectionBuilder cs, String subgraph, String parentType,
                                         NormalizedField field, List<String> path, ProvidedFields provided,
                                         Set<String> alternatives) {
        NormalizedSelectionSet ns = field.children();
        String declared = field.type().named();
        TypeDef dt = sg.type(declared);
        if (!dt.isAbstract()) {
            return ensure(g, cs, subgraph, declared, ns.fieldsFor(declared), path, provided, null, 0, false, alternatives);
        }
        cs.typename();
        JoinType jt = sg.joinType(declared, subgraph);
        if (jt != null && jt.interfaceObject()) {
            int before = graph.groups.size();
            new InterfaceObjects(this).plan(g, cs, subgraph, declared, ns, path, provided, alternatives);
            return new LinkedHashSet<>(graph.groups.subList(before, graph.groups.size()));
        }
        Set<String> allowed = allowedTypes(parentType, field, alternatives);
        Set<FetchGroup> deps = new LinkedHashSet<>();
        for (Map.Entry<String, List<NormalizedField>> e : ns.byType().entrySet()) {
            if (!allowed.contains(e.getKey())) continue;
            deps.addAll(ensure(g, cs.on(e.getKey()), subgraph, e.getKey(), e.getValue(), path, provided, null, 0, false,
                    alternatives));
        }
        return deps;
    }

    /**
     * Makes {@code fields} available on objects of {@code type} at {@code path} that group {@code g} fetches
     * from {@code subgraph}; returns the entity groups that were needed (callers that need the data depend on
     * them). With {@code forceJump}, even fields the subgraph resolves in place are fetched by entity.
     */
    Set<FetchGroup> ensure(FetchGroup g, SelectionBuilder sel, String subgraph, String type, List<NormalizedField> fields,
                           List<String> path, ProvidedFields provided, FetchGroup avoid, int depth, boolean forceJump,
                           Set<String> alternatives) {
        ancestors.push(new Ancestor(type, path, g, sel, subgraph, provided));
        try {
            return ensureFields(g, sel, subgraph, type, fields, path, provided, avoid, depth, forceJump, alternatives);
        } finally {
            ancestors.pop();
        }
    }

    private Set<FetchGroup> ensureFields(FetchGroup g, SelectionBuilder sel, String subgraph, String type,
                                         List<NormalizedField> fields, List<String> path, ProvidedFields provided,
                                         FetchGroup avoid, int depth, boolean forceJump, Set<String> alternatives) {
        Set<FetchGroup> deps = new LinkedHashSet<>();
        List<NormalizedField> remote = new ArrayList<>();
        Map<DeferredFragment, List<NormalizedField>> deferred = null;
        for (NormalizedField nf : fields) {
            if (nf.removed()) continue; // a check removed it: never fetched, completes as null
            if (nf.defer() != null && !nf.isTypename()) {
                if (deferred == null) deferred = new LinkedHashMap<>();
                deferred.computeIfAbsent(nf.defer(), k -> new ArrayList<>()).add(nf);
                continue;
            }
            if (nf.isTypename() || (!forceJump && resolvability.resolvesInPlace(subgraph, type, nf.name(), provided))) {
                int before = graph.unresolved.mark();
                // nested jumps below a local field count too: a key or requirement needs their data
                deps.addAll(addLocal(g, sel, subgraph, type, nf, path, provided, alternatives));
                if (graph.unresolved.size() > before && depth < MAX_SHARED_FIELD_RETRY_NESTING
                        && resolvability.isObjectTyped(nf)) {
                    deps.addAll(retry.elsewhere(g, sel, subgraph, type, nf, path, provided, avoid, depth, before));
                }
            } else {
                remote.add(nf);
            }
        }
        // every round resolves at least one remote field through a jump, or gives the rest up: it ends
        while (!remote.isEmpty()) {
            EntityJumps.Jump j = jumps.choose(subgraph, type, remote, provided, depth, forceJump);
            if (j == null) { // nothing can resolve these: they complete as null
                for (NormalizedField nf : remote) graph.unresolved.add(type, nf);
                break;
            }
            deps.addAll(jumps.take(j, g, sel, subgraph, type, path, provided, avoid, depth, g.defer));
            remote.removeAll(j.fields());
        }
        if (deferred != null) {
            for (Map.Entry<DeferredFragment, List<NormalizedField>> e : deferred.entrySet()) {
                deferFields(g, sel, subgraph, type, e.getValue(), path, provided, avoid, depth, alternatives, e.getKey());
            }
        }
        return deps;
    }

    /**
     * Fields of a deferred fragment: fetched by their own entity fetches (even from this subgraph, by a key) that
     * serve the fragment's payload and run after the initial response. On an object no subgraph can look up by
     * key they are fetched with the parent instead (delivered in the fragment's payload all the same). Nothing of
     * the initial response waits for them, so they are not returned as dependencies.
     */
    private void deferFields(FetchGroup g, SelectionBuilder sel, String subgraph, String type,
                             List<NormalizedField> fields, List<String> path, ProvidedFields provided, FetchGroup avoid,
                             int depth, Set<String> alternatives, DeferredFragment defer) {
        List<NormalizedField> rest = new ArrayList<>(fields);
        while (!rest.isEmpty()) {
            EntityJumps.Jump j = jumps.choose(subgraph, type, rest, provided, depth, true);
            if (j == null) {
                List<NormalizedField> inline = new ArrayList<>(rest.size());
                for (NormalizedField f : rest) inline.add(f.withoutDefer());
                ensure(g, sel, subgraph, type, inline, path, provided, avoid, depth, false, alternatives);
                return;
            }
            jumps.take(j, g, sel, subgraph, type, path, provided, avoid, depth, defer);
            rest.removeAll(j.fields());
        }
    }
}
