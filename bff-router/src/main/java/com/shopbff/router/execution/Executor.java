package com.shopbff.router.execution;

import com.shopbff.router.json.Json;
import com.shopbff.router.json.JsonObject;
import com.shopbff.router.plan.PlanNode;
import com.shopbff.router.plan.PlanNode.EntityInput;
import com.shopbff.router.plan.PlanNode.Fetch;
import com.shopbff.router.plan.PlanNode.ReprField;
import com.shopbff.router.pipeline.RouterObserver;
import io.vertx.core.Future;

import java.util.*;

/**
 * Runs a plan against subgraphs: independent fetches concurrently, one {@code _entities} request per Flatten
 * with deduplicated representations, results merged into one tree, subgraph errors re-pathed to client paths.
 * A failing subgraph never fails the request: its part stays missing and an error names the path.
 */
public final class Executor {
    private final SubgraphClient client;

    public Executor(SubgraphClient client) {
        this.client = client;
    }

    /** Mutable state of one execution: the merged data tree and the collected errors. */
    public static final class State {
        public final Map<String, Object> data;
        public final List<Map<String, Object>> errors = new ArrayList<>();
        final Map<String, Object> variables;
        final Map<String, String> headers;
        final RouterObserver.RequestObservation observation;

        public State(Map<String, Object> data, Map<String, Object> variables, Map<String, String> headers,
                     RouterObserver.RequestObservation observation) {
            this.data = data;
            this.variables = variables == null ? Map.of() : variables;
            this.headers = headers == null ? Map.of() : headers;
            this.observation = observation == null ? RouterObserver.RequestObservation.NONE : observation;
        }

        synchronized void error(Map<String, Object> e) {
            errors.add(e);
        }
    }

    public Future<Void> run(PlanNode node, State st) {
        if (node == null) return Future.succeededFuture();
        return switch (node) {
            case Fetch f -> rootFetch(f, st);
            case PlanNode.Flatten fl when !fl.fetch().contextArguments().isEmpty() -> contextualRequests(fl, st);
            case PlanNode.Flatten fl -> entityRequest(fl.fetch().service(), fl.fetch().operation(), fl.fetch().variables(),
                    List.of(new Part(List.of(fl.path()), fl.fetch(), "_entities", "representations")), st);
            case PlanNode.EntityBatch b -> {
                List<Part> parts = new ArrayList<>(b.parts().size());
                for (PlanNode.BatchPart p : b.parts()) {
                    parts.add(new Part(p.paths(), p.fetch(), p.alias(), p.representationsVariable()));
                }
                yield entityRequest(b.service(), b.operation(), b.variables(), parts, st);
            }
            case PlanNode.Sequence s -> {
                Future<Void> f = Future.succeededFuture();
                for (PlanNode n : s.nodes()) f = f.compose(v -> run(n, st));
                yield f;
            }
            case PlanNode.Parallel p -> {
                List<Future<Void>> fs = new ArrayList<>(p.nodes().size());
                for (PlanNode n : p.nodes()) fs.add(run(n, st));
                yield Future.join(fs).mapEmpty();
            }
            case PlanNode.Condition c -> run(Boolean.TRUE.equals(st.variables.get(c.variable())) ? c.ifTrue() : c.ifFalse(), st);
            case PlanNode.Defer d -> {
                // delivered in one response: the initial fetches, then each fragment's in order
                Future<Void> f = run(d.primary(), st);
                for (PlanNode.Deferred x : d.deferred()) f = f.compose(v -> run(x.node(), st));
                yield f;
            }
            case PlanNode.Subscription s -> Future.failedFuture(new IllegalStateException("subscription plans run over WebSocket"));
        };
    }

    /** One subgraph request, observed, its body parsed. */
    private Future<Map<String, Object>> call(String service, byte[] body, State st) {
        RouterObserver.SubgraphCallObservation obs = st.observation.subgraphCallStarted(service);
        long start = System.nanoTime();
        return client.post(service, body, obs.outgoingHeaders(st.headers)).transform(ar -> {
            long nanos = System.nanoTime() - start;
            if (ar.failed()) {
                obs.finished(0, nanos, ar.cause());
                return Future.failedFuture(ar.cause());
            }
            SubgraphClient.Response r = ar.result();
            obs.finished(r.status(), nanos, null);
            return Future.succeededFuture(parse(service, r));
        });
    }

    /** The subgraph's GraphQL response body; a body that is not one fails the call. */
    static Map<String, Object> parse(String service, SubgraphClient.Response r) {
        Object parsed;
        try {
            parsed = Json.parse(r.body());
        } catch (RuntimeException e) {
            throw new SubgraphException("SUBREQUEST_HTTP_ERROR",
                    "subgraph '" + service + "' answered HTTP " + r.status() + " without a GraphQL body");
        }
        if (!(parsed instanceof Map<?, ?> m) || (!m.containsKey("data") && !m.containsKey("errors"))) {
            throw new SubgraphException("SUBREQUEST_HTTP_ERROR",
                    "subgraph '" + service + "' answered HTTP " + r.status() + " without a GraphQL body");
        }
        return cast(m);
    }

    private Map<String, Object> vars(Fetch f, State st) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (String name : f.variables()) {
            if (st.variables.containsKey(name)) v.put(name, st.variables.get(name));
        }
        return v;
    }

    private Future<Void> rootFetch(Fetch f, State st) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", f.operation());
        Map<String, Object> v = vars(f, st);
        if (!v.isEmpty()) body.put("variables", v);
        return call(f.service(), Json.write(body), st).map(resp -> {
            Object d = resp.get("data");
            if (f.aliased()) unalias(d);
            if (d instanceof Map<?, ?> dm) {
                synchronized (st) {
                    merge(st.data, cast(dm));
                }
            }
            for (Map<String, Object> e : errorsOf(resp)) {
                st.error(subgraphError(e, f.service(), e.get("path") instanceof List<?> p ? new ArrayList<>(p) : null));
            }
            return (Void) null;
        }).recover(t -> {
            for (String k : f.responseKeys()) {
                st.error(failure(t, f.service(), List.of(k)));
            }
            if (f.responseKeys().isEmpty()) st.error(failure(t, f.service(), null));
            return Future.succeededFuture();
        });
    }

    /** A response path as a chain of steps, materialised only when an error needs it. */
    private record Step(Step parent, String key, int index, Object value) {
        List<Object> toList() {
            ArrayList<Object> l = new ArrayList<>();
            for (Step s = this; s != null; s = s.parent) l.add(s.key != null ? s.key : (Object) s.index);
            Collections.reverse(l);
            return l;
        }
    }

    private record Target(Map<String, Object> object, Step at) {
        List<Object> path() {
            return at == null ? new ArrayList<>() : at.toList();
        }
    }

    /** One entity fetch of a request: the objects at {@code paths}, answered under {@code responseField}. */
    private record Part(List<List<String>> paths, Fetch fetch, String responseField, String variable) {
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
    private Future<Void> entityRequest(String service, String operation, List<String> clientVariables, List<Part> parts,
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
    private Future<Void> contextualRequests(PlanNode.Flatten fl, State st) {
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
        return call(service, Json.write(body), st).map(resp -> {
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
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errorsOf(Map<String, Object> resp) {
        Object e = resp.get("errors");
        if (!(e instanceof List<?> l)) return List.of();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : l) if (o instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
        return out;
    }

    private static Map<String, Object> subgraphError(Map<String, Object> e, String service, List<Object> path) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", e.getOrDefault("message", "Subgraph error"));
        if (path != null) out.put("path", path);
        Map<String, Object> ext = new LinkedHashMap<>();
        if (e.get("extensions") instanceof Map<?, ?> x) ext.putAll(cast(x));
        ext.putIfAbsent("serviceName", service);
        out.put("extensions", ext);
        return out;
    }

    private static Map<String, Object> failure(Throwable t, String service, List<Object> path) {
        Map<String, Object> out = new LinkedHashMap<>();
        String code = t instanceof SubgraphException se ? se.code() : "SUBREQUEST_HTTP_ERROR";
        out.put("message", "Subgraph '" + service + "' failed: " + t.getMessage());
        if (path != null) out.put("path", path);
        out.put("extensions", new LinkedHashMap<>(Map.of("code", code, "serviceName", service)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object value, List<String> path, int i, Step at, List<Target> out) {
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

    /** Renames {@code key__alias_N} entries (added by the planner to avoid response-shape conflicts) back. */
    @SuppressWarnings("unchecked")
    static void unalias(Object v) {
        if (v instanceof List<?> l) {
            for (Object o : l) unalias(o);
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            List<String> aliased = null;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                unalias(e.getValue());
                if (e.getKey().contains("__alias_")) {
                    if (aliased == null) aliased = new ArrayList<>();
                    aliased.add(e.getKey());
                }
            }
            if (aliased != null) {
                for (String k : aliased) {
                    Object val = map.remove(k);
                    map.putIfAbsent(k.substring(0, k.lastIndexOf("__alias_")), val);
                }
            }
        }
    }

    /** Deep merge of a subgraph result into the tree. */
    @SuppressWarnings("unchecked")
    public static void merge(Map<String, Object> dst, Map<String, Object> src) {
        if (src instanceof JsonObject o) {
            for (int i = 0, n = o.size(); i < n; i++) mergeEntry(dst, o.keyAt(i), o.valueAt(i));
            return;
        }
        for (Map.Entry<String, Object> e : src.entrySet()) mergeEntry(dst, e.getKey(), e.getValue());
    }

    @SuppressWarnings("unchecked")
    private static void mergeEntry(Map<String, Object> dst, String k, Object s) {
        if (dst instanceof JsonObject o) {
            int i = o.positionOf(k);
            if (i < 0) {
                o.append(k, s);
                return;
            }
            Object d = o.valueAt(i);
            if (d instanceof Map<?, ?> dm && s instanceof Map<?, ?> sm) merge((Map<String, Object>) dm, (Map<String, Object>) sm);
            else if (d instanceof List<?> dl && s instanceof List<?> sl && dl.size() == sl.size()) mergeLists((List<Object>) dl, (List<Object>) sl);
            else if (s != null) o.setValueAt(i, s);
            return;
        }
        Object d = dst.get(k);
        if (d instanceof Map<?, ?> dm && s instanceof Map<?, ?> sm) {
            merge((Map<String, Object>) dm, (Map<String, Object>) sm);
        } else if (d instanceof List<?> dl && s instanceof List<?> sl && dl.size() == sl.size()) {
            mergeLists((List<Object>) dl, (List<Object>) sl);
        } else if (s != null || !dst.containsKey(k)) {
            dst.put(k, s);
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeLists(List<Object> dl, List<Object> sl) {
        for (int i = 0; i < dl.size(); i++) {
            Object d = dl.get(i);
            Object s = sl.get(i);
            if (d instanceof Map<?, ?> dm && s instanceof Map<?, ?> sm) merge((Map<String, Object>) dm, (Map<String, Object>) sm);
            else if (d instanceof List<?> a && s instanceof List<?> b && a.size() == b.size()) mergeLists((List<Object>) a, (List<Object>) b);
            else if (s != null) dl.set(i, s);
        }
    }
}
