package com.shopbff.router.plan;

import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.operation.Normalizer;
import com.shopbff.router.plan.PlanNode.EntityInput;
import com.shopbff.router.plan.PlanNode.Fetch;
import com.shopbff.router.plan.PlanNode.ReprField;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.FieldDef;
import com.shopbff.router.supergraph.SupergraphModel.Graph;
import com.shopbff.router.supergraph.SupergraphModel.JoinField;
import com.shopbff.router.supergraph.SupergraphModel.JoinType;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;
import graphql.language.*;

import java.util.*;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hand-written federation query planner. It walks the normalised operation subgraph by subgraph: a field the
 * current subgraph can resolve stays in its fetch; any other field becomes an entity jump ({@code _entities})
 * to a subgraph that can resolve it, through a {@code @key} whose fields the current subgraph has (or can get
 * first). {@code @requires} fields are made available on the entity before the jump, {@code @provides} widens
 * what a subgraph may resolve below a field. Fetches and their dependencies form a DAG that is laid out as
 * sequences of parallel stages.
 */
public final class Planner {
    private final Supergraph sg;
    private final Map<String, NormalizedSelectionSet> fieldSets = new ConcurrentHashMap<>();
    private final Map<String, Prov> provides = new ConcurrentHashMap<>();

    public Planner(Supergraph supergraph) {
        this.sg = supergraph;
    }

    /** Plans a normalised operation. */
    public QueryPlan plan(NormalizedOperation op) {
        List<NormalizedField> roots = new ArrayList<>();
        for (NormalizedField f : op.rootFields()) {
            if (!f.name().startsWith("__") && !f.removed()) roots.add(f);
        }
        if (roots.isEmpty()) return new QueryPlan(null, op);
        String rootType = op.rootType();
        if (op.kind().equals("mutation")) {
            List<PlanNode> stages = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            Builder current = null;
            String currentGraph = null;
            for (NormalizedField f : roots) {
                String g = chooseRootGraph(op, rootType, f, currentGraph == null ? Set.of() : Set.of(currentGraph));
                if (g == null) {
                    failed.add(rootType + "." + f.name());
                    continue;
                }
                if (current == null || !g.equals(currentGraph)) {
                    if (current != null) {
                        stages.add(current.toNode());
                        failed.addAll(current.unresolvedFields);
                    }
                    current = new Builder(op);
                    currentGraph = g;
                }
                current.rootField(g, rootType, f);
            }
            if (current != null) {
                stages.add(current.toNode());
                failed.addAll(current.unresolvedFields);
            }
            List<PlanNode> flat = new ArrayList<>();
            for (PlanNode n : stages) {
                if (n instanceof PlanNode.Sequence s) flat.addAll(s.nodes());
                else flat.add(n);
            }
            return new QueryPlan(flat.isEmpty() ? null : flat.size() == 1 ? flat.get(0) : new PlanNode.Sequence(flat), op,
                    error(failed));
        }
        Builder b = new Builder(op);
        Set<String> used = new LinkedHashSet<>();
        for (NormalizedField f : roots) {
            String g = chooseRootGraph(op, rootType, f, used);
            if (g == null) {
                b.unresolvedFields.add(rootType + "." + f.name());
                continue;
            }
            used.add(g);
            int before = b.unresolvedNFields.size();
            b.rootField(g, rootType, f);
            if (b.unresolvedNFields.size() > before && !op.kind().equals("subscription") && objectTyped(f)) {
                retryRoot(b, rootType, f, g, before);
            }
        }
        String err = error(b.unresolvedFields);
        if (b.groups.isEmpty()) return new QueryPlan(null, op, err);
        if (op.kind().equals("subscription")) {
            Group primary = b.groups.get(0);
            List<Group> rest = new ArrayList<>(b.groups.subList(1, b.groups.size()));
            Fetch pf = b.fetch(primary);
            PlanNode restNode = rest.isEmpty() ? null : b.layout(rest, Set.of(primary));
            return new QueryPlan(new PlanNode.Subscription(pf, restNode), op, err);
        }
        return new QueryPlan(b.toNode(), op, err);
    }

    private static String error(List<String> unresolved) {
        if (unresolved.isEmpty()) return null;
        return "Cannot plan the operation: no subgraph can resolve " + String.join(", ", new LinkedHashSet<>(unresolved));
    }

    /**
     * A shared root field of a value type that no single subgraph resolves completely (each knows some of its
     * fields): the missing parts are asked from the other subgraphs that have the root field, in parallel, and
     * merged. Only for queries: a mutation field must run once.
     */
    /**
     * Splitting a field across subgraphs is only sound for object types: for an abstract type each subgraph
     * may answer with another runtime type, and the merged object would be a mix (such operations fail to plan).
     */
    private boolean objectTyped(NormalizedField f) {
        if (f.type() == null) return false;
        TypeDef t = sg.type(f.type().named());
        return t != null && t.kind() == com.shopbff.router.supergraph.SupergraphModel.Kind.OBJECT;
    }

    private void retryRoot(Builder b, String rootType, NormalizedField f, String tried, int before) {
        List<NormalizedField> failed = new ArrayList<>(b.unresolvedNFields.subList(before, b.unresolvedNFields.size()));
        List<String> failedNames = new ArrayList<>(b.unresolvedFields.subList(before, b.unresolvedFields.size()));
        b.unresolvedNFields.subList(before, b.unresolvedNFields.size()).clear();
        b.unresolvedFields.subList(before, b.unresolvedFields.size()).clear();
        b.unresolved -= failed.size();
        for (Graph gr : sg.graphs()) {
            if (failed.isEmpty()) break;
            String g2 = gr.enumValue();
            if (g2.equals(tried) || !local(g2, rootType, f.name(), null)) continue;
            NormalizedField pruned = b.prune(f, new HashSet<>(failed));
            if (pruned == null) break;
            int mark = b.unresolvedNFields.size();
            b.rootField(g2, rootType, pruned);
            failed = new ArrayList<>(b.unresolvedNFields.subList(mark, b.unresolvedNFields.size()));
            failedNames = new ArrayList<>(b.unresolvedFields.subList(mark, b.unresolvedFields.size()));
            b.unresolvedNFields.subList(mark, b.unresolvedNFields.size()).clear();
            b.unresolvedFields.subList(mark, b.unresolvedFields.size()).clear();
            b.unresolved -= failed.size();
        }
        b.unresolvedNFields.addAll(failed);
        b.unresolvedFields.addAll(failedNames);
        b.unresolved += failed.size();
    }

    /** Picks the subgraph for a root field: fewest follow-up fetches, then one already used, then schema order. */
    private String chooseRootGraph(NormalizedOperation op, String rootType, NormalizedField f, Set<String> used) {
        List<String> candidates = new ArrayList<>();
        for (Graph g : sg.graphs()) {
            if (local(g.enumValue(), rootType, f.name(), null)) candidates.add(g.enumValue());
        }
        if (candidates.isEmpty()) return null;
        if (candidates.size() == 1) return candidates.get(0);
        String best = null;
        int bestCost = Integer.MAX_VALUE;
        for (String g : candidates) {
            Builder scratch = new Builder(op);
            scratch.rootField(g, rootType, f);
            int cost = scratch.unresolved * 100_000 + scratch.groups.size() * 100 + scratch.jumpedFields * 2
                    + (used.contains(g) ? 0 : 1);
            if (cost < bestCost) {
                bestCost = cost;
                best = g;
            }
        }
        return best;
    }

    // ---- resolvability ---------------------------------------------------------------------------------

    /** Whether graph {@code g} resolves {@code type.field} in place (no entity jump). */
    boolean local(String g, String type, String field, Prov prov) {
        if (field.startsWith("__")) return true;
        TypeDef td = sg.type(type);
        if (td == null) return false;
        FieldDef fd = td.fields().get(field);
        if (fd == null) return false;
        // a provided field must still be declared (as @external) by the subgraph for this very type
        if (prov != null && prov.has(sg, type, field)
                && (Supergraph.joinField(fd, g) != null || (!Supergraph.hasGraphJoinFields(fd) && sg.typeInGraph(type, g)))) {
            return true;
        }
        if (Supergraph.hasGraphJoinFields(fd)) {
            JoinField jf = Supergraph.joinField(fd, g);
            return jf != null && !jf.external() && !jf.usedOverridden() && jf.requires() == null;
        }
        if (!fd.joinFields().isEmpty()) return false; // filled in by an interface object elsewhere
        return sg.typeInGraph(type, g);
    }

    /** Whether graph {@code g} can resolve the field when handed the entity (requires allowed). */
    boolean viaEntity(String g, String type, String field) {
        TypeDef td = sg.type(type);
        if (td == null) return false;
        FieldDef fd = td.fields().get(field);
        if (fd == null) return false;
        if (Supergraph.hasGraphJoinFields(fd)) {
            JoinField jf = Supergraph.joinField(fd, g);
            return jf != null && !jf.external() && !jf.usedOverridden();
        }
        if (!fd.joinFields().isEmpty()) return false;
        return sg.typeInGraph(type, g);
    }

    /** Whether all fields of a field set resolve in place in graph {@code g} on {@code type}. */
    boolean fieldSetLocal(String g, String type, NormalizedSelectionSet ns, Prov prov) {
        for (List<NormalizedField> fields : ns.byType().values()) {
            for (NormalizedField f : fields) {
                if (!local(g, type, f.name(), prov)) return false;
                if (f.children() != null) {
                    Prov cp = prov == null ? null : prov.child(sg, type, f.name());
                    for (Map.Entry<String, List<NormalizedField>> e : f.children().byType().entrySet()) {
                        for (NormalizedField c : e.getValue()) {
                            if (!local(g, e.getKey(), c.name(), cp) && !local(g, f.type().named(), c.name(), cp)) return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    NormalizedSelectionSet fieldSet(String type, String fs) {
        return fieldSets.computeIfAbsent(type + "|" + fs,
                k -> internalKeys(Normalizer.fieldSet(sg, type, Supergraph.parseFieldSet(fs))));
    }

    /**
     * Key and required fields with arguments get a response key derived from their arguments, so that a client
     * selecting the same field with other arguments never collides with what the planner needs.
     */
    private static NormalizedSelectionSet internalKeys(NormalizedSelectionSet ns) {
        Map<String, List<NormalizedField>> byType = new LinkedHashMap<>();
        for (Map.Entry<String, List<NormalizedField>> e : ns.byType().entrySet()) {
            List<NormalizedField> out = new ArrayList<>();
            for (NormalizedField f : e.getValue()) {
                String key = f.responseKey();
                if (!f.args().isEmpty()) {
                    StringBuilder a = new StringBuilder();
                    f.args().forEach((k, v) -> a.append(k).append(':').append(AstPrinter.printAst(v)).append(','));
                    key = f.name() + "__req_" + Integer.toHexString(a.toString().hashCode() & 0x7fffffff);
                }
                out.add(new NormalizedField(key, f.name(), f.args(), f.type(), f.children() == null ? null : internalKeys(f.children())));
            }
            byType.put(e.getKey(), out);
        }
        return new NormalizedSelectionSet(ns.declaredType(), byType);
    }

    Prov provides(String fs) {
        return provides.computeIfAbsent(fs, k -> Prov.of(Supergraph.parseFieldSet(fs)));
    }

    /**
     * Fields a {@code @provides} makes resolvable below a field, nested; fields under a type condition
     * ({@code ... on Book { title }}) count only for objects of that type.
     */
    static final class Prov {
        final Map<String, Prov> fields = new HashMap<>();
        final Map<String, Prov> typed = new HashMap<>();

        static Prov of(SelectionSet ss) {
            Prov p = new Prov();
            p.add(ss);
            return p;
        }

        private void add(SelectionSet ss) {
            for (Selection<?> s : ss.getSelections()) {
                if (s instanceof Field f) {
                    Prov child = fields.computeIfAbsent(f.getName(), k -> new Prov());
                    if (f.getSelectionSet() != null) child.add(f.getSelectionSet());
                } else if (s instanceof InlineFragment inf) {
                    if (inf.getTypeCondition() == null) add(inf.getSelectionSet());
                    else typed.computeIfAbsent(inf.getTypeCondition().getName(), k -> new Prov()).add(inf.getSelectionSet());
                }
            }
        }

        private static boolean applies(Supergraph sg, String condition, String type) {
            return condition.equals(type) || sg.possibleTypes(condition).contains(type);
        }

        boolean has(Supergraph sg, String type, String field) {
            if (fields.containsKey(field)) return true;
            for (Map.Entry<String, Prov> e : typed.entrySet()) {
                if (applies(sg, e.getKey(), type) && e.getValue().has(sg, type, field)) return true;
            }
            return false;
        }

        Prov child(Supergraph sg, String type, String field) {
            Prov c = fields.get(field);
            for (Map.Entry<String, Prov> e : typed.entrySet()) {
                if (!applies(sg, e.getKey(), type)) continue;
                Prov c2 = e.getValue().child(sg, type, field);
                if (c2 != null) c = c == null ? c2 : merge(c, c2);
            }
            return c;
        }
    }

    // ---- subgraph selection builder --------------------------------------------------------------------

    /** Selection being built for one subgraph operation. */
    static final class SSel {
        final LinkedHashMap<String, SField> fields = new LinkedHashMap<>();
        final LinkedHashMap<String, SSel> frags = new LinkedHashMap<>();

        SField field(String key, String name, String args, Set<String> vars, boolean composite) {
            return field(key, name, args, vars, composite, null);
        }

        SField field(String key, String name, String args, Set<String> vars, boolean composite, String typeText) {
            SField f = fields.get(key);
            if (f == null) {
                f = new SField(key, name, args, vars, composite ? new SSel() : null, typeText);
                fields.put(key, f);
            }
            return f;
        }

        /**
         * Sibling type-condition fragments may select one response key with types that differ in the subgraph
         * (say {@code ID!} and {@code ID}); GraphQL validation rejects that, so later ones get an alias that the
         * executor strips from the response. Returns whether anything was aliased.
         */
        boolean dealias() {
            boolean changed = false;
            for (SField f : fields.values()) if (f.children != null) changed |= f.children.dealias();
            for (SSel fr : frags.values()) changed |= fr.dealias();
            if (frags.size() < 1) return changed;
            Map<String, String> seen = new HashMap<>();
            for (SField f : fields.values()) if (f.typeText != null) seen.put(f.key, f.typeText);
            int n = 0;
            for (SSel fr : frags.values()) {
                List<Map.Entry<String, SField>> entries = new ArrayList<>(fr.fields.entrySet());
                boolean rebuilt = false;
                for (int i = 0; i < entries.size(); i++) {
                    SField f = entries.get(i).getValue();
                    if (f.typeText == null) continue;
                    String prev = seen.putIfAbsent(f.key, f.typeText);
                    if (prev != null && !prev.equals(f.typeText)) {
                        SField renamed = new SField(f.key + "__alias_" + (n++), f.name, f.args, f.vars, f.children, f.typeText);
                        entries.set(i, Map.entry(renamed.key, renamed));
                        rebuilt = true;
                    }
                }
                if (rebuilt) {
                    fr.fields.clear();
                    for (Map.Entry<String, SField> e : entries) fr.fields.put(e.getKey(), e.getValue());
                    changed = true;
                }
            }
            return changed;
        }

        void typename() {
            field("__typename", "__typename", "", Set.of(), false);
        }

        SSel on(String type) {
            return frags.computeIfAbsent(type, t -> new SSel());
        }

        boolean isEmpty() {
            if (!fields.isEmpty()) return false;
            for (SSel s : frags.values()) if (!s.isEmpty()) return false;
            return true;
        }

        void print(StringBuilder sb) {
            sb.append('{');
            if (isEmpty()) sb.append(" __typename");
            for (SField f : fields.values()) {
                sb.append(' ');
                if (!f.key.equals(f.name)) sb.append(f.key).append(": ");
                sb.append(f.name).append(f.args);
                if (f.children != null) {
                    sb.append(' ');
                    f.children.print(sb);
                }
            }
            boolean hasTypename = fields.containsKey("__typename");
            for (Map.Entry<String, SSel> e : frags.entrySet()) {
                SSel f = e.getValue();
                if (f.isEmpty()) continue;
                // a fragment asking only for __typename adds nothing when the parent asks for it already
                if (hasTypename && f.frags.isEmpty() && f.fields.size() == 1 && f.fields.containsKey("__typename")
                        && f.fields.get("__typename").name().equals("__typename")) continue;
                sb.append(" ... on ").append(e.getKey()).append(' ');
                e.getValue().print(sb);
            }
            sb.append(" }");
        }

        void vars(Set<String> out) {
            for (SField f : fields.values()) {
                out.addAll(f.vars);
                if (f.children != null) f.children.vars(out);
            }
            for (SSel s : frags.values()) s.vars(out);
        }

        List<ReprField> toRepr() {
            List<ReprField> out = new ArrayList<>();
            for (SField f : fields.values()) {
                out.add(new ReprField(f.name, f.key, f.children == null ? null : f.children.toRepr()));
            }
            for (SSel s : frags.values()) {
                for (ReprField r : s.toRepr()) if (out.stream().noneMatch(o -> o.name().equals(r.name()))) out.add(r);
            }
            return out;
        }
    }

    record SField(String key, String name, String args, Set<String> vars, SSel children, String typeText) {
    }

    static final class Input {
        final String objectType;
        final String typename;
        final SSel repr = new SSel();
        final LinkedHashSet<String> keys = new LinkedHashSet<>();

        Input(String objectType, String typename) {
            this.objectType = objectType;
            this.typename = typename;
        }
    }

    static final class Group {
        final int id;
        final String graph;
        final List<String> path;
        final Group source;
        final String kind;
        final SSel sel = new SSel();
        final LinkedHashMap<String, Input> inputs = new LinkedHashMap<>();
        final Set<Group> deps = new LinkedHashSet<>();

        Group(int id, String graph, List<String> path, Group source, String kind) {
            this.id = id;
            this.graph = graph;
            this.path = path;
            this.source = source;
            this.kind = kind;
        }

        boolean entity() {
            return source != null;
        }

        Input input(String objectType, String typename) {
            return inputs.computeIfAbsent(objectType, k -> new Input(objectType, typename));
        }
    }

    record Jump(String graph, String target, String key, List<NormalizedField> fields) {
    }

    // ---- the per-operation builder ---------------------------------------------------------------------

    final class Builder {
        final NormalizedOperation op;
        final List<Group> groups = new ArrayList<>();
        int unresolved;
        /** Fields fetched through entity jumps (a tie-breaker between otherwise equal plans). */
        int jumpedFields;
        final List<String> unresolvedFields = new ArrayList<>();
        /** The fields behind {@link #unresolvedFields}, to retry a shared parent field in another subgraph. */
        final List<NormalizedField> unresolvedNFields = new ArrayList<>();

        Builder(NormalizedOperation op) {
            this.op = op;
        }

        void rootField(String g, String rootType, NormalizedField f) {
            Group root = null;
            for (Group x : groups) if (!x.entity() && x.graph.equals(g)) root = x;
            if (root == null) {
                root = new Group(groups.size(), g, List.of(), null, op.kind());
                groups.add(root);
            }
            addLocal(root, root.sel, g, rootType, f, List.of(), null);
        }

        boolean dependsOn(Group a, Group b) {
            if (a == b) return true;
            Deque<Group> todo = new ArrayDeque<>(a.deps);
            Set<Group> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                Group x = todo.pop();
                if (x == b) return true;
                if (seen.add(x)) todo.addAll(x.deps);
            }
            return false;
        }

        Group entityGroup(String graph, List<String> path, Group source, Group avoid, Set<Group> newDeps) {
            outer:
            for (Group x : groups) {
                if (x.source != source || !x.graph.equals(graph) || !x.path.equals(path)) continue;
                if (avoid != null && dependsOn(x, avoid)) continue;
                if (avoid != null && dependsOn(avoid, x) && avoid != x) {
                    // fine: the avoided group may depend on this one
                }
                for (Group d : newDeps) if (dependsOn(d, x)) continue outer;
                return x;
            }
            Group g = new Group(groups.size(), graph, path, source, "query");
            groups.add(g);
            return g;
        }

        /** Adds a field resolved in place; returns the entity groups its sub-selection needed. */
        Set<Group> addLocal(Group g, SSel sel, String graph, String type, NormalizedField nf, List<String> path, Prov prov) {
            if (nf.isTypename()) {
                sel.field(nf.responseKey(), "__typename", "", Set.of(), false);
                return Set.of();
            }
            Set<String> vars = new LinkedHashSet<>();
            String args = args(nf, vars);
            FieldDef fd = sg.type(type).fields().get(nf.name());
            JoinField jf = fd == null ? null : Supergraph.joinField(fd, graph);
            String typeText = jf != null && jf.type() != null ? jf.type() : fd == null ? null : fd.type().text();
            SField sf = sel.field(nf.responseKey(), nf.name(), args, vars, nf.children() != null, typeText);
            if (nf.children() == null) return Set.of();
            Prov childProv = prov == null ? null : prov.child(sg, type, nf.name());
            if (jf != null && jf.provides() != null) {
                Prov p = provides(jf.provides());
                childProv = childProv == null ? p : merge(childProv, p);
            }
            List<String> childPath = new ArrayList<>(path);
            childPath.add(nf.responseKey());
            for (int i = 0; i < nf.type().listDepth(); i++) childPath.add("@");
            return planChildren(g, sf.children(), graph, nf.type().named(), nf.children(), List.copyOf(childPath), childProv);
        }

        Set<Group> planChildren(Group g, SSel cs, String graph, String declared, NormalizedSelectionSet ns, List<String> path,
                                Prov prov) {
            TypeDef dt = sg.type(declared);
            if (!dt.isAbstract()) {
                return ensure(g, cs, graph, declared, ns.fieldsFor(declared), path, prov, null, 0);
            }
            cs.typename();
            JoinType jt = sg.joinType(declared, graph);
            if (jt != null && jt.interfaceObject()) {
                int before = groups.size();
                interfaceObject(g, cs, graph, declared, ns, path, prov);
                return new LinkedHashSet<>(groups.subList(before, groups.size()));
            }
            Set<Group> deps = new LinkedHashSet<>();
            for (Map.Entry<String, List<NormalizedField>> e : ns.byType().entrySet()) {
                if (!sg.graphCanReturn(graph, declared, e.getKey())) continue;
                deps.addAll(ensure(g, cs.on(e.getKey()), graph, e.getKey(), e.getValue(), path, prov, null, 0));
            }
            return deps;
        }

        /** The subgraph knows the interface only as an object: it cannot tell the concrete type. */
        void interfaceObject(Group g, SSel cs, String graph, String iface, NormalizedSelectionSet ns, List<String> path, Prov prov) {
            List<NormalizedField> common = null;
            boolean simple = true;
            for (List<NormalizedField> fields : ns.byType().values()) {
                for (NormalizedField f : fields) {
                    // without type conditions or __typename the interface level is enough: fields the interface
                    // object lacks are fetched by interface key, no need to learn the concrete type
                    if (f.isTypename() || sg.type(iface).fields().get(f.name()) == null) simple = false;
                }
                if (common == null) common = fields;
                else if (!keys(common).equals(keys(fields))) simple = false;
            }
            if (common == null) return;
            if (simple) {
                ensure(g, cs, graph, iface, common, path, prov, null, 0);
                return;
            }
            JoinType owner = null;
            for (JoinType jt : sg.type(iface).joinTypes()) {
                if (!jt.interfaceObject() && jt.key() != null && jt.resolvable() && !jt.graph().equals(graph)) {
                    owner = jt;
                    break;
                }
            }
            if (owner == null) {
                ensure(g, cs, graph, iface, common, path, prov, null, 0);
                return;
            }
            NormalizedSelectionSet keyNs = fieldSet(iface, owner.key());
            ensure(g, cs, graph, iface, keyNs.fieldsFor(iface), path, prov, null, 1);
            Group og = entityGroup(owner.graph(), path, g, null, Set.of());
            og.deps.add(g);
            Input in = og.input(iface, iface);
            addRepr(in, keyNs, iface, true);
            SSel onI = og.sel.on(iface);
            onI.typename();
            for (Map.Entry<String, List<NormalizedField>> e : ns.byType().entrySet()) {
                if (!sg.graphCanReturn(owner.graph(), iface, e.getKey())) continue;
                // resolving by interface key only tells the concrete type; the concrete fields are fetched with
                // the concrete typename (the subgraph's interface reference resolver may not provide them)
                ensure(og, onI.on(e.getKey()), owner.graph(), e.getKey(), e.getValue(), path, null, null, 0, true);
            }
        }

        private List<String> keys(List<NormalizedField> fs) {
            List<String> out = new ArrayList<>();
            for (NormalizedField f : fs) out.add(f.responseKey());
            return out;
        }

        /**
         * Makes {@code fields} available on objects of {@code type} at {@code path} that group {@code g} fetches
         * from {@code graph}; returns the entity groups that were needed (callers that need the data depend on them).
         */
        Set<Group> ensure(Group g, SSel sel, String graph, String type, List<NormalizedField> fields, List<String> path,
                          Prov prov, Group avoid, int depth) {
            return ensure(g, sel, graph, type, fields, path, prov, avoid, depth, false);
        }

        Set<Group> ensure(Group g, SSel sel, String graph, String type, List<NormalizedField> fields, List<String> path,
                          Prov prov, Group avoid, int depth, boolean forceJump) {
            Set<Group> deps = new LinkedHashSet<>();
            List<NormalizedField> remote = new ArrayList<>();
            for (NormalizedField nf : fields) {
                if (nf.removed()) continue; // a check removed it: never fetched, completes as null
                if (nf.isTypename() || (!forceJump && local(graph, type, nf.name(), prov))) {
                    int before = unresolvedNFields.size();
                    // nested jumps below a local field count too: a key or requirement needs their data
                    deps.addAll(addLocal(g, sel, graph, type, nf, path, prov));
                    if (unresolvedNFields.size() > before && depth < 4 && objectTyped(nf)) {
                        deps.addAll(retryElsewhere(g, sel, graph, type, nf, path, prov, avoid, depth, before, graph));
                    }
                } else {
                    remote.add(nf);
                }
            }
            int guard = 0;
            while (!remote.isEmpty() && guard++ < 32) {
                Jump j = chooseJump(graph, type, remote, prov, depth, forceJump);
                if (j == null) { // nothing can resolve these: they complete as null
                    unresolved += remote.size();
                    for (NormalizedField nf : remote) {
                        unresolvedFields.add(type + "." + nf.name());
                        unresolvedNFields.add(nf);
                    }
                    break;
                }
                NormalizedSelectionSet keyNs = avoidConflicts(fieldSet(type, j.key()), type, sel);
                Set<Group> keyDeps = ensure(g, sel, graph, type, keyNs.fieldsFor(type), path, prov, avoid, depth + 1);
                sel.typename();
                Group eg = entityGroup(j.graph(), path, g, avoid, keyDeps);
                eg.deps.add(g);
                eg.deps.addAll(keyDeps);
                jumpedFields += j.fields().size();
                Input in = eg.input(type, j.target());
                addRepr(in, keyNs, type, true);
                SSel target = eg.sel.on(j.target());
                for (NormalizedField nf : j.fields()) {
                    FieldDef fd2 = sg.type(j.target()).fields().get(nf.name());
                    JoinField jf2 = Supergraph.joinField(fd2, j.graph());
                    if (jf2 != null && jf2.requires() != null) {
                        NormalizedSelectionSet reqNs = avoidConflicts(fieldSet(type, jf2.requires()), type, sel);
                        if (depth < 8) {
                            Set<Group> reqDeps = ensure(g, sel, graph, type, reqNs.fieldsFor(type), path, prov, eg, depth + 1);
                            eg.deps.addAll(reqDeps);
                        }
                        addRepr(in, reqNs, type, false);
                    }
                    int before = unresolvedNFields.size();
                    // entity fetches below the jumped field complete its data too: a requirement waits for them
                    deps.addAll(addLocal(eg, target, j.graph(), j.target(), nf, path, null));
                    if (unresolvedNFields.size() > before && depth < 4 && objectTyped(nf)) {
                        deps.addAll(retryElsewhere(g, sel, graph, type, nf, path, prov, avoid, depth, before, j.graph()));
                    }
                }
                deps.add(eg);
                remote.removeAll(j.fields());
            }
            return deps;
        }

        Jump chooseJump(String graph, String type, List<NormalizedField> remote, Prov prov, int depth, boolean sameGraphOk) {
            Jump best = null;
            int bestScore = -1;
            TypeDef td = sg.type(type);
            for (Graph gr : sg.graphs()) {
                String g2 = gr.enumValue();
                List<String> targets = new ArrayList<>();
                if (sg.joinType(type, g2) != null) targets.add(type);
                for (String i : td.interfaces()) {
                    JoinType ij = sg.joinType(i, g2);
                    if (ij != null && ij.interfaceObject()) targets.add(i);
                }
                for (String target : targets) {
                    List<NormalizedField> can = new ArrayList<>();
                    for (NormalizedField nf : remote) {
                        if (!nf.isTypename() && viaEntity(g2, target, nf.name())) {
                            if (!sameGraphOk && g2.equals(graph) && local(graph, type, nf.name(), prov)) continue;
                            can.add(nf);
                        }
                    }
                    if (can.isEmpty()) continue;
                    for (JoinType jt : sg.type(target).joinTypes()) {
                        if (!jt.graph().equals(g2) || jt.key() == null || !jt.resolvable()) continue;
                        NormalizedSelectionSet keyNs = fieldSet(type, jt.key());
                        boolean keyLocal = fieldSetLocal(graph, type, keyNs, prov);
                        if (!keyLocal && (depth >= 3 || overlaps(keyNs, type, remote))) continue;
                        int score = (keyLocal ? 100000 : 0) + can.size() * 10;
                        if (score > bestScore) {
                            bestScore = score;
                            best = new Jump(g2, target, jt.key(), can);
                        }
                        if (keyLocal) break;
                    }
                }
            }
            return best;
        }

        /**
         * A field shared by several subgraphs ({@code @shareable}) whose sub-selection the chosen subgraph could
         * only partly resolve: the rest of the sub-selection is fetched through another subgraph that also
         * resolves the field, by an entity jump on the parent. Keeps what worked; replaces the failures with
         * whatever the retry could not resolve.
         */
        Set<Group> retryElsewhere(Group g, SSel sel, String graph, String type, NormalizedField nf, List<String> path,
                                  Prov prov, Group avoid, int depth, int before, String tried) {
            List<NormalizedField> failed = new ArrayList<>(unresolvedNFields.subList(before, unresolvedNFields.size()));
            List<String> failedNames = new ArrayList<>(unresolvedFields.subList(before, unresolvedFields.size()));
            NormalizedField pruned = prune(nf, new HashSet<>(failed));
            if (pruned == null) return Set.of();
            for (Graph gr : sg.graphs()) {
                String g2 = gr.enumValue();
                if (g2.equals(tried) || !viaEntity(g2, type, nf.name())) continue;
                JoinType key = null;
                for (JoinType jt : sg.type(type).joinTypes()) {
                    if (jt.graph().equals(g2) && jt.key() != null && jt.resolvable()
                            && fieldSetLocal(graph, type, fieldSet(type, jt.key()), prov)) {
                        key = jt;
                        break;
                    }
                }
                if (key == null) continue;
                int mark = unresolvedNFields.size();
                NormalizedSelectionSet keyNs = avoidConflicts(fieldSet(type, key.key()), type, sel);
                Set<Group> keyDeps = ensure(g, sel, graph, type, keyNs.fieldsFor(type), path, prov, avoid, depth + 1);
                sel.typename();
                Group eg = entityGroup(g2, path, g, avoid, keyDeps);
                eg.deps.add(g);
                eg.deps.addAll(keyDeps);
                addRepr(eg.input(type, type), keyNs, type, true);
                addLocal(eg, eg.sel.on(type), g2, type, pruned, path, null);
                if (unresolvedNFields.size() == mark) {
                    // the retry resolved everything that failed: forget the failures
                    unresolvedNFields.subList(before, mark).clear();
                    unresolvedFields.subList(before, mark).clear();
                    unresolved -= failed.size();
                    Set<Group> out = new LinkedHashSet<>(keyDeps);
                    out.add(eg);
                    return out;
                }
                // keep the original failures only
                unresolvedNFields.subList(mark, unresolvedNFields.size()).clear();
                unresolvedFields.subList(mark, unresolvedFields.size()).clear();
            }
            return Set.of();
        }

        /** The field with only the parts of its sub-selection that contain one of the failed fields. */
        NormalizedField prune(NormalizedField nf, Set<NormalizedField> failed) {
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
            return new NormalizedField(nf.responseKey(), nf.name(), nf.args(), nf.type(),
                    new NormalizedSelectionSet(nf.children().declaredType(), byType));
        }

        /**
         * A client may use a key field's name as the alias of another field ({@code id: name}); the planner's
         * copy of the key then takes another response key, which the representation reads from.
         */
        NormalizedSelectionSet avoidConflicts(NormalizedSelectionSet ns, String type, SSel sel) {
            List<NormalizedField> fields = ns.fieldsFor(type);
            List<NormalizedField> out = null;
            for (int i = 0; i < fields.size(); i++) {
                NormalizedField f = fields.get(i);
                SField existing = sel.fields.get(f.responseKey());
                if (existing == null || f.isTypename()) continue;
                String args = args(f, new HashSet<>());
                if (existing.name().equals(f.name()) && existing.args().equals(args)) continue;
                if (out == null) out = new ArrayList<>(fields);
                out.set(i, new NormalizedField(f.responseKey() + "__key", f.name(), f.args(), f.type(), f.children()));
            }
            if (out == null) return ns;
            Map<String, List<NormalizedField>> byType = new LinkedHashMap<>(ns.byType());
            byType.put(type, List.copyOf(out));
            return new NormalizedSelectionSet(ns.declaredType(), byType);
        }

        private boolean overlaps(NormalizedSelectionSet keyNs, String type, List<NormalizedField> remote) {
            for (NormalizedField k : keyNs.fieldsFor(type)) {
                for (NormalizedField r : remote) if (r.name().equals(k.name())) return true;
            }
            return false;
        }

        void addRepr(Input in, NormalizedSelectionSet ns, String type, boolean key) {
            for (NormalizedField f : ns.fieldsFor(type)) {
                if (key) in.keys.add(f.responseKey());
                // in the representation the field appears under its name; in the object under its response key
                SField sf = in.repr.field(f.responseKey(), f.name(), "", Set.of(), f.children() != null);
                if (f.children() != null) addReprChildren(sf.children(), f.children());
            }
        }

        private void addReprChildren(SSel sel, NormalizedSelectionSet ns) {
            boolean abs = sg.type(ns.declaredType()) != null && sg.type(ns.declaredType()).isAbstract();
            if (abs) sel.typename();
            for (List<NormalizedField> fields : ns.byType().values()) {
                for (NormalizedField f : fields) {
                    SField sf = sel.field(f.responseKey(), f.name(), "", Set.of(), f.children() != null);
                    if (f.children() != null) addReprChildren(sf.children(), f.children());
                }
            }
        }

        String args(NormalizedField nf, Set<String> vars) {
            if (nf.args().isEmpty()) return "";
            StringBuilder sb = new StringBuilder("(");
            boolean first = true;
            for (Map.Entry<String, Value<?>> e : nf.args().entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                sb.append(e.getKey()).append(": ").append(AstPrinter.printAst(e.getValue()));
                collectVars(e.getValue(), vars);
            }
            return sb.append(')').toString();
        }

        private void collectVars(Node<?> v, Set<String> vars) {
            if (v instanceof VariableReference r) vars.add(r.getName());
            for (Node<?> c : v.getChildren()) collectVars(c, vars);
        }

        // ---- layout ------------------------------------------------------------------------------------

        PlanNode toNode() {
            return layout(groups, Set.of());
        }

        PlanNode layout(List<Group> gs, Set<Group> done) {
            Map<Group, Integer> level = new HashMap<>();
            int max = 0;
            for (Group g : gs) max = Math.max(max, level(g, level, done));
            List<PlanNode> stages = new ArrayList<>();
            for (int l = 0; l <= max; l++) {
                List<PlanNode> nodes = new ArrayList<>();
                for (Group g : gs) {
                    if (level.get(g) != l) continue;
                    Fetch f = fetch(g);
                    nodes.add(g.entity() ? new PlanNode.Flatten(g.path, f) : f);
                }
                if (nodes.isEmpty()) continue;
                stages.add(nodes.size() == 1 ? nodes.get(0) : new PlanNode.Parallel(nodes));
            }
            if (stages.isEmpty()) return null;
            return stages.size() == 1 ? stages.get(0) : new PlanNode.Sequence(stages);
        }

        private int level(Group g, Map<Group, Integer> memo, Set<Group> done) {
            Integer l = memo.get(g);
            if (l != null) return l;
            memo.put(g, 0); // cycle guard
            int lv = 0;
            for (Group d : g.deps) {
                if (d == g || done.contains(d)) continue;
                lv = Math.max(lv, level(d, memo, done) + 1);
            }
            memo.put(g, lv);
            return lv;
        }

        Fetch fetch(Group g) {
            boolean aliased = g.sel.dealias();
            Set<String> vars = new LinkedHashSet<>();
            g.sel.vars(vars);
            StringBuilder sel = new StringBuilder();
            g.sel.print(sel);
            StringBuilder opText = new StringBuilder(g.entity() ? "query" : g.kind);
            List<String> defs = new ArrayList<>();
            if (g.entity()) defs.add("$representations: [_Any!]!");
            for (String v : vars) {
                var vd = op.variables().get(v);
                if (vd != null) defs.add(AstPrinter.printAst(vd));
            }
            if (!defs.isEmpty()) opText.append('(').append(String.join(", ", defs)).append(')');
            if (g.entity()) {
                opText.append(" { _entities(representations: $representations) ").append(sel).append(" }");
            } else {
                opText.append(' ').append(sel);
            }
            List<EntityInput> inputs = new ArrayList<>();
            for (Input in : g.inputs.values()) {
                inputs.add(new EntityInput(in.objectType, in.typename, in.repr.toRepr(), List.copyOf(in.keys)));
            }
            String name = sg.graphByEnum(g.graph).name();
            return new Fetch(name, g.entity() ? "query" : g.kind, sel.toString(), opText.toString(),
                    List.copyOf(vars), inputs, g.entity() ? List.of() : List.copyOf(g.sel.fields.keySet()), aliased);
        }
    }

    static Prov merge(Prov a, Prov b) {
        Prov p = new Prov();
        p.fields.putAll(a.fields);
        for (Map.Entry<String, Prov> e : b.fields.entrySet()) {
            Prov x = p.fields.get(e.getKey());
            p.fields.put(e.getKey(), x == null ? e.getValue() : merge(x, e.getValue()));
        }
        p.typed.putAll(a.typed);
        for (Map.Entry<String, Prov> e : b.typed.entrySet()) {
            Prov x = p.typed.get(e.getKey());
            p.typed.put(e.getKey(), x == null ? e.getValue() : merge(x, e.getValue()));
        }
        return p;
    }
}
