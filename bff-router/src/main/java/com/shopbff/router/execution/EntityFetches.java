package com.shopbff.router.execution;

import com.shopbff.router.execution.Executor.State;
import com.shopbff.router.json.Json;
import com.shopbff.router.json.JsonObject;
import com.shopbff.router.plan.PlanNode;
import com.shopbff.router.plan.PlanNode.EntityInput;
import com.shopbff.router.plan.PlanNode.Fetch;
import com.shopbff.router.plan.PlanNode.ReprField;
import io.vertx.core.Future;

import java.util.*;

import static com.shopbff.router.execution.DataTree.merge;
import static com.shopbff.router.execution.DataTree.unalias;
import static com.shopbff.router.execution.SubgraphErrors.*;

/**
 * Entity fetches ({@code _entities}): representations built from the objects at a fetch's paths (deduplicated,
 * an object with a null key is not sent), one request per Flatten or per batch (one aliased field per part), the
 * results merged into every object they stand for, errors re-pathed to those objects. Fetches with context
 * arguments go in one request per distinct set of context values.
 */
final class EntityFetches {
    private final Executor executor;

    EntityFetches(Executor executor) {
        this.executor = executor;
    }

    /** A response path as a chain of steps, materialised only when an error needs it. */
    record Step(Step parent, String key, int index, Object value) {
        List<Object> toList() {
            ArrayList<Object> l = new ArrayList<>();
            for (Step s = this; s != null; s = s.parent) l.add(s.key != null ? s.key : (Object) s.index);
            Collections.reverse(l);
            return l;
        }
    }

    record Target(Map<String, Object> object, Step at) {
        List<Object> path() {
            return at == null ? new ArrayList<>() : at.toList();
        }
    }

    /** One entity fetch of a request: the objects at {@code paths}, answered under {@code responseField}. */
    record Part(List<List<String>> paths, Fetch fetch, String responseField, String variable) {
    }

    /** A part's representations and, for each, the objects it stands for. */
    private static final class PartState {
        final Part part;
        final List<Map<String, Object>> reprs = new ArrayList<>();
        final List<List<Target>> owners = new ArrayList<>();
        final List<List<Object>> failurePaths = new ArrayList<>();
        final boolean guardTypename;

        PartState(Part part) {
            this.part = part;
            boolean io = false;
            for (EntityInput in : part.fetch().inputs()) if (!in.typename().equals(in.objectType())) io = true;
            this.guardTypename = io;
        }
    }

    /**
     * One request for the entity fetches {@code parts} (a single {@code _entities} field, or the aliased fields of
     * a batch). Representations of each part are collected from the objects at its paths and deduplicated; a
     * failing request leaves the parts' data missing, with an error at the first object of each path.
     */
    Future<Void> entityRequest(String service, String operation, List<String> clientVariables, List<Part> parts,
                                       State st) {
        List<List<List<Target>>> targets = new ArrayList<>(parts.size());
        synchronized (st) {
            for (Part part : parts) {
                List<List<Target>> perPath = new ArrayList<>(part.paths().size());
                for (List<String> path : part.paths()) {
                    List<Target> ts = new ArrayList<>();
                    collect(st.data, path, 0, null, ts);
                    perPath.add(ts);
                }
                targets.add(perPath);
            }
        }
        return send(service, operation, clientVariables, parts, targets, Map.of(), st);
    }

    /**
     * Entity fetches of fields with context arguments: the objects are grouped by the values their ancestors give
     * the arguments, and each group goes in its own request with those values as variables.
     */
    Future<Void> contextualRequests(PlanNode.Flatten fl, State st) {
        Fetch f = fl.fetch();
        Map<List<Object>, List<Target>> byValues = new LinkedHashMap<>();
        synchronized (st) {
            List<Target> ts = new ArrayList<>();
            collect(st.data, fl.path(), 0, null, ts);
            for (Target t : ts) {
                List<Object> values = new ArrayList<>(f.contextArguments().size());
                for (PlanNode.ContextArgumentSource c : f.contextArguments()) values.add(contextValue(st.data, t, fl.path().size(), c));
                byValues.computeIfAbsent(values, k -> new ArrayList<>()).add(t);
            }
        }
        Part part = new Part(List.of(fl.path()), f, "_entities", "representations");
        List<Future<Void>> sent = new ArrayList<>(byValues.size());
        for (Map.Entry<List<Object>, List<Target>> e : byValues.entrySet()) {
            Map<String, Object> extra = new LinkedHashMap<>();
            for (int i = 0; i < f.contextArguments().size(); i++) extra.put(f.contextArguments().get(i).variable(), e.getKey().get(i));
            sent.add(send(f.service(), f.operation(), f.variables(), List.of(part), List.of(List.of(e.getValue())), extra, st));
        }
        return sent.isEmpty() ? Future.succeededFuture() : Future.join(sent).mapEmpty();
    }

    /** The value a context argument takes for target {@code t}: read on its ancestor at the source's depth. */
    @SuppressWarnings("unchecked")
    private static Object contextValue(Map<String, Object> root, Target t, int targetDepth, PlanNode.ContextArgumentSource c) {
        Object ancestor = root;
        if (c.ancestorDepth() > 0) {
            Step s = t.at;
            for (int up = targetDepth; up > c.ancestorDepth() && s != null; up--) s = s.parent;
            ancestor = s == null ? null : s.value;
        }
        Object v = ancestor;
        for (String key : c.selection()) v = v instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(key) : null;
        return v;
    }

    private Future<Void> send(String service, String operation, List<String> clientVariables, List<Part> parts,
                              List<List<List<Target>>> targets, Map<String, Object> extraVariables, State st) {
        List<PartState> states = new ArrayList<>(parts.size());
        boolean any = false;
        synchronized (st) {
            for (int pi = 0; pi < parts.size(); pi++) {
                Part part = parts.get(pi);
                PartState ps = new PartState(part);
                Map<String, EntityInput> byType = new HashMap<>();
                for (EntityInput in : part.fetch().inputs()) byType.put(in.objectType(), in);
                Map<Map<String, Object>, Integer> index = new HashMap<>();
                for (List<Target> pathTargets : targets.get(pi)) {
                    boolean seen = false;
                    for (Target t : pathTargets) {
                        Object tn = t.object.get("__typename");
                        EntityInput in;
                        if (part.fetch().inputs().size() == 1) {
                            in = part.fetch().inputs().get(0);
                            if (tn != null && !in.objectType().equals(tn)) in = null;
                        } else {
                            in = tn == null ? null : byType.get(tn.toString());
                        }
                        if (in == null) continue;
                        Map<String, Object> repr = representation(in, t.object);
                        if (repr == null) continue;
                        if (!seen) {
                            seen = true;
                            ps.failurePaths.add(t.path());
                        }
                        Integer i = index.get(repr);
                        if (i == null) {
                            i = ps.reprs.size();
                            index.put(repr, i);
                            ps.reprs.add(repr);
                            ps.owners.add(new ArrayList<>());
                        }
                        ps.owners.get(i).add(t);
                    }
                }
                if (!ps.reprs.isEmpty()) any = true;
                states.add(ps);
            }
        }
        if (!any) return Future.succeededFuture();
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String name : clientVariables) {
            if (st.variables.containsKey(name)) variables.put(name, st.variables.get(name));
        }
        variables.putAll(extraVariables);
        for (PartState ps : states) variables.put(ps.part.variable(), ps.reprs);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", operation);
        body.put("variables", variables);
        return executor.call(service, Json.writeFast(body), st).map(resp -> {
            Object d = resp.get("data");
            for (PartState ps : states) {
                if (ps.part.fetch().aliased() && d instanceof Map<?, ?> dm) unalias(dm.get(ps.part.responseField()));
                if (d instanceof Map<?, ?> dm && dm.get(ps.part.responseField()) instanceof List<?> ents) {
                    synchronized (st) {
                        mergeEntities(ps, ents);
                    }
                }
            }
            for (Map<String, Object> e : errorsOf(resp)) {
                Object p = e.get("path");
                PartState owner = null;
                if (p instanceof List<?> pl && pl.size() >= 2 && pl.get(1) instanceof Number n) {
                    for (PartState ps : states) {
                        if (ps.part.responseField().equals(pl.get(0)) && n.intValue() < ps.owners.size()) owner = ps;
                    }
                }
                if (owner != null) {
                    List<?> pl = (List<?>) p;
                    for (Target t : owner.owners.get(((Number) pl.get(1)).intValue())) {
                        List<Object> np = t.path();
                        np.addAll(pl.subList(2, pl.size()));
                        st.error(subgraphError(e, service, np));
                    }
                } else {
                    st.error(subgraphError(e, service, null));
                }
            }
            return (Void) null;
        }).recover(t -> {
            for (PartState ps : states) for (List<Object> path : ps.failurePaths) st.error(failure(t, service, path));
            return Future.succeededFuture();
        });
    }

    private static void mergeEntities(PartState ps, List<?> ents) {
        for (int i = 0; i < ents.size() && i < ps.owners.size(); i++) {
            if (!(ents.get(i) instanceof Map<?, ?> em)) continue;
            Map<String, Object> result = cast(em);
            for (Target t : ps.owners.get(i)) {
                if (ps.guardTypename) {
                    Object own = t.object.get("__typename");
                    Object got = result.get("__typename");
                    if (own != null && got != null && !own.equals(got) && !own.equals(ps.reprs.get(i).get("__typename"))) {
                        // an interface object answers with the interface name: keep the concrete type
                        Map<String, Object> copy = new LinkedHashMap<>(result);
                        copy.remove("__typename");
                        merge(t.object, copy);
                        continue;
                    }
                }
                merge(t.object, result);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void collect(Object value, List<String> path, int i, Step at, List<Target> out) {
        if (value == null) return;
        if (i == path.size()) {
            if (value instanceof Map<?, ?> m) out.add(new Target((Map<String, Object>) m, at));
            else if (value instanceof List<?> l) { // defensive: a list where the path ended
                for (int k = 0; k < l.size(); k++) collect(l.get(k), path, i, new Step(at, null, k, l.get(k)), out);
            }
            return;
        }
        String step = path.get(i);
        if (step.equals("@")) {
            if (value instanceof List<?> l) {
                for (int k = 0; k < l.size(); k++) collect(l.get(k), path, i + 1, new Step(at, null, k, l.get(k)), out);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            Object child = m.get(step);
            if (child != null) collect(child, path, i + 1, new Step(at, step, 0, child), out);
        } else if (value instanceof List<?> l) {
            for (int k = 0; k < l.size(); k++) collect(l.get(k), path, i, new Step(at, null, k, l.get(k)), out);
        }
    }

    /** Builds a representation; null when a key field is missing or null (such objects are not sent). */
    static Map<String, Object> representation(EntityInput in, Map<String, Object> obj) {
        Map<String, Object> r = new JsonObject(in.fields().size() + 1);
        r.put("__typename", in.typename());
        for (String k : in.keyFields()) {
            if (obj.get(k) == null) return null;
        }
        copy(in.fields(), obj, r);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static void copy(List<ReprField> fields, Map<String, Object> src, Map<String, Object> dst) {
        for (ReprField f : fields) {
            if (!src.containsKey(f.source())) continue;
            dst.put(f.name(), project(f, src.get(f.source())));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object project(ReprField f, Object v) {
        if (v == null || f.children() == null) return v;
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(project(f, o));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new JsonObject(f.children().size());
            copy(f.children(), (Map<String, Object>) m, out);
            return out;
        }
        return v;
    }

}
