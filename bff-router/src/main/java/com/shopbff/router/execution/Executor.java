package com.shopbff.router.execution;

import com.shopbff.router.json.Json;
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
            case PlanNode.Flatten fl -> entityFetch(fl.fetch(), List.of(fl), st, null);
            case PlanNode.Sequence s -> {
                Future<Void> f = Future.succeededFuture();
                for (PlanNode n : s.nodes()) f = f.compose(v -> run(n, st));
                yield f;
            }
            case PlanNode.Parallel p -> runParallel(p, st);
            case PlanNode.Condition c -> run(Boolean.TRUE.equals(st.variables.get(c.variable())) ? c.ifTrue() : c.ifFalse(), st);
            case PlanNode.Subscription s -> Future.failedFuture(new IllegalStateException("subscription plans run over WebSocket"));
        };
    }

    /**
     * Runs the children of a Parallel. Its Flatten children are independent of each other by construction, so
     * entity fetches to one subgraph can share a request: Flatten nodes sending the very same fetch at different
     * paths share one {@code _entities} request (representations collected together and deduplicated across
     * paths), and fetches for different entity types of one subgraph are combined into one {@code _entities}
     * request with one inline fragment per type (see {@link #combinable}).
     */
    private Future<Void> runParallel(PlanNode.Parallel p, State st) {
        List<PlanNode> nodes = p.nodes();
        int n = nodes.size();
        List<Future<Void>> fs = new ArrayList<>(n);
        List<Fetch> groupFetch = new ArrayList<>(n);
        List<List<PlanNode.Flatten>> groups = new ArrayList<>(n);
        for (PlanNode node : nodes) {
            if (node instanceof PlanNode.Flatten fl) {
                int g = -1;
                for (int k = 0; k < groups.size() && g < 0; k++) {
                    if (sameFetch(groups.get(k).get(0).fetch(), fl.fetch())) g = k;
                }
                if (g < 0) {
                    groupFetch.add(fl.fetch());
                    groups.add(new ArrayList<>(4));
                    g = groups.size() - 1;
                }
                groups.get(g).add(fl);
            } else {
                fs.add(run(node, st));
            }
        }
        List<List<Integer>> parts = null; // for combined groups: the original groups, run separately as a fallback
        List<Fetch> originalFetch = List.copyOf(groupFetch);
        List<List<PlanNode.Flatten>> originalGroups = List.copyOf(groups);
        for (int a = 0; a < groups.size(); a++) {
            for (int b = a + 1; b < groups.size(); b++) {
                if (combinable(groupFetch.get(a), groupFetch.get(b))) {
                    if (parts == null) {
                        parts = new ArrayList<>();
                        for (int k = 0; k < groups.size(); k++) parts.add(new ArrayList<>(List.of(k)));
                    }
                    groupFetch.set(a, combine(groupFetch.get(a), groupFetch.get(b)));
                    List<PlanNode.Flatten> merged = new ArrayList<>(groups.get(a));
                    merged.addAll(groups.get(b));
                    groups.set(a, merged);
                    parts.get(a).addAll(parts.get(b));
                    groupFetch.remove(b);
                    groups.remove(b);
                    parts.remove(b);
                    b--;
                }
            }
        }
        for (int k = 0; k < groups.size(); k++) {
            java.util.function.Supplier<Future<Void>> fallback = null;
            if (parts != null && parts.get(k).size() > 1) {
                List<Integer> own = parts.get(k);
                fallback = () -> {
                    List<Future<Void>> sep = new ArrayList<>(own.size());
                    for (int i : own) sep.add(entityFetch(originalFetch.get(i), originalGroups.get(i), st, null));
                    return Future.join(sep).mapEmpty();
                };
            }
            fs.add(entityFetch(groupFetch.get(k), groups.get(k), st, fallback));
        }
        return fs.size() == 1 ? fs.get(0) : Future.join(fs).mapEmpty();
    }

    static boolean sameFetch(Fetch a, Fetch b) {
        return a == b || (a.service().equals(b.service()) && a.operation().equals(b.operation())
                && a.aliased() == b.aliased() && a.inputs().equals(b.inputs()));
    }

    private static final String ENTITIES_PREFIX = "query($representations: [_Any!]!) { _entities(representations: $representations) ";

    /**
     * Whether two entity fetches to the same subgraph can go out as one {@code _entities} request: plain entity
     * operations without client variables, no interface objects, and disjoint entity types, each selection made
     * only of inline fragments on its own types (so neither selection applies to the other's representations).
     */
    static boolean combinable(Fetch a, Fetch b) {
        if (!a.service().equals(b.service()) || a.aliased() != b.aliased()) return false;
        if (!a.variables().isEmpty() || !b.variables().isEmpty() || a.inputs().isEmpty() || b.inputs().isEmpty()) {
            return false;
        }
        if (!plainEntityOperation(a) || !plainEntityOperation(b)) return false;
        for (EntityInput x : a.inputs()) {
            if (!x.typename().equals(x.objectType())) return false;
            if (b.selection().contains("... on " + x.typename() + " ")) return false;
            for (EntityInput y : b.inputs()) {
                if (!y.typename().equals(y.objectType()) || y.typename().equals(x.typename())) return false;
            }
        }
        for (EntityInput y : b.inputs()) {
            if (a.selection().contains("... on " + y.typename() + " ")) return false;
        }
        return true;
    }

    private static boolean plainEntityOperation(Fetch f) {
        String sel = f.selection();
        return sel.startsWith("{ ... on ") && sel.endsWith(" }")
                && f.operation().length() == ENTITIES_PREFIX.length() + sel.length() + 2
                && f.operation().startsWith(ENTITIES_PREFIX) && f.operation().endsWith(" }")
                && f.operation().regionMatches(ENTITIES_PREFIX.length(), sel, 0, sel.length());
    }

    static Fetch combine(Fetch a, Fetch b) {
        String sel = "{ " + a.selection().substring(2, a.selection().length() - 2) + " "
                + b.selection().substring(2, b.selection().length() - 2) + " }";
        List<EntityInput> inputs = new ArrayList<>(a.inputs());
        inputs.addAll(b.inputs());
        return new Fetch(a.service(), "query", sel, ENTITIES_PREFIX + sel + " }", List.of(), inputs, List.of(),
                a.aliased());
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
    private record Step(Step parent, Object key) {
        List<Object> toList() {
            ArrayList<Object> l = new ArrayList<>();
            for (Step s = this; s != null; s = s.parent) l.add(s.key);
            Collections.reverse(l);
            return l;
        }
    }

    private record Target(Map<String, Object> object, Step at) {
        List<Object> path() {
            return at == null ? new ArrayList<>() : at.toList();
        }
    }

    /**
     * One {@code _entities} request for the objects at the paths of {@code fls}. With a {@code fallback} (a
     * combined request), a failed request or a response without an {@code _entities} list (e.g. the subgraph
     * rejected the combined operation) runs the fallback instead: the original requests, separately.
     */
    private Future<Void> entityFetch(Fetch f, List<PlanNode.Flatten> fls, State st,
                                     java.util.function.Supplier<Future<Void>> fallback) {
        List<Target> targets = new ArrayList<>();
        int[] ends = new int[fls.size()]; // targets of Flatten k end (exclusive) at ends[k]
        synchronized (st) {
            for (int k = 0; k < fls.size(); k++) {
                collect(st.data, fls.get(k).path(), 0, null, targets);
                ends[k] = targets.size();
            }
        }
        // error paths on failure: the first object of each merged Flatten that is actually sent
        List<List<Object>> failurePaths = new ArrayList<>(fls.size());
        int group = 0;
        boolean groupSeen = false;
        Map<String, EntityInput> byType = new HashMap<>();
        boolean interfaceObjects = false;
        for (EntityInput in : f.inputs()) {
            byType.put(in.objectType(), in);
            if (!in.typename().equals(in.objectType())) interfaceObjects = true;
        }
        final boolean guardTypename = interfaceObjects;
        Map<Map<String, Object>, Integer> index = new LinkedHashMap<>();
        List<Map<String, Object>> reprs = new ArrayList<>();
        List<List<Target>> owners = new ArrayList<>();
        synchronized (st) {
            for (int ti = 0; ti < targets.size(); ti++) {
                Target t = targets.get(ti);
                while (ti >= ends[group]) {
                    group++;
                    groupSeen = false;
                }
                Object tn = t.object.get("__typename");
                List<EntityInput> own = fls.get(group).fetch().inputs(); // the Flatten's own fetch, if combined
                EntityInput in = null;
                if (tn == null) {
                    if (own.size() == 1) in = own.get(0);
                } else if (own.size() == 1) {
                    if (own.get(0).objectType().equals(tn)) in = own.get(0);
                } else {
                    in = byType.get(tn.toString());
                    if (in != null && !own.contains(in)) in = null;
                }
                if (in == null) continue;
                Map<String, Object> repr = representation(in, t.object);
                if (repr == null) continue;
                if (!groupSeen) {
                    groupSeen = true;
                    failurePaths.add(t.path());
                }
                Integer i = index.get(repr);
                if (i == null) {
                    i = reprs.size();
                    index.put(repr, i);
                    reprs.add(repr);
                    owners.add(new ArrayList<>());
                }
                owners.get(i).add(t);
            }
        }
        if (reprs.isEmpty()) return Future.succeededFuture();
        Map<String, Object> variables = vars(f, st);
        variables.put("representations", reprs);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", f.operation());
        body.put("variables", variables);
        Future<Map<String, Object>> sent = call(f.service(), Json.write(body), st);
        if (fallback != null) {
            sent = sent.transform(ar -> ar.succeeded() && ar.result().get("data") instanceof Map<?, ?> dm
                    && dm.get("_entities") instanceof List<?> l && l.size() == owners.size()
                    ? Future.succeededFuture(ar.result()) : Future.failedFuture(COMBINED_UNUSABLE));
        }
        Future<Void> done = sent.map(resp -> {
            Object d = resp.get("data");
            if (f.aliased()) unalias(d);
            if (d instanceof Map<?, ?> dm && dm.get("_entities") instanceof List<?> ents) {
                synchronized (st) {
                    for (int i = 0; i < ents.size() && i < owners.size(); i++) {
                        if (ents.get(i) instanceof Map<?, ?> em) {
                            Map<String, Object> result = cast(em);
                            if (!guardTypename) {
                                for (Target t : owners.get(i)) merge(t.object, result);
                                continue;
                            }
                            for (Target t : owners.get(i)) {
                                Object own = t.object.get("__typename");
                                Object got = result.get("__typename");
                                if (own != null && got != null && !own.equals(got)
                                        && !own.equals(reprs.get(i).get("__typename"))) {
                                    // an interface object answers with the interface name: keep the concrete type
                                    Map<String, Object> copy = new LinkedHashMap<>(result);
                                    copy.remove("__typename");
                                    merge(t.object, copy);
                                } else {
                                    merge(t.object, result);
                                }
                            }
                        }
                    }
                }
            }
            for (Map<String, Object> e : errorsOf(resp)) {
                Object p = e.get("path");
                if (p instanceof List<?> pl && pl.size() >= 2 && "_entities".equals(pl.get(0))
                        && pl.get(1) instanceof Number n && n.intValue() < owners.size()) {
                    for (Target t : owners.get(n.intValue())) {
                        List<Object> np = t.path();
                        np.addAll(pl.subList(2, pl.size()));
                        st.error(subgraphError(e, f.service(), np));
                    }
                } else {
                    st.error(subgraphError(e, f.service(), null));
                }
            }
            return (Void) null;
        });
        return done.recover(t -> {
            if (t == COMBINED_UNUSABLE) return fallback.get();
            for (List<Object> path : failurePaths) st.error(failure(t, f.service(), path));
            return Future.succeededFuture();
        });
    }

    private static final RuntimeException COMBINED_UNUSABLE = new RuntimeException("combined request unusable", null,
            false, false) {
    };

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
                for (int k = 0; k < l.size(); k++) collect(l.get(k), path, i, new Step(at, k), out);
            }
            return;
        }
        String step = path.get(i);
        if (step.equals("@")) {
            if (value instanceof List<?> l) {
                for (int k = 0; k < l.size(); k++) collect(l.get(k), path, i + 1, new Step(at, k), out);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            collect(m.get(step), path, i + 1, new Step(at, step), out);
        } else if (value instanceof List<?> l) {
            for (int k = 0; k < l.size(); k++) collect(l.get(k), path, i, new Step(at, k), out);
        }
    }

    /** Builds a representation; null when a key field is missing or null (such objects are not sent). */
    static Map<String, Object> representation(EntityInput in, Map<String, Object> obj) {
        Map<String, Object> r = new LinkedHashMap<>();
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
            Map<String, Object> out = new LinkedHashMap<>();
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
        for (Map.Entry<String, Object> e : src.entrySet()) {
            String k = e.getKey();
            Object s = e.getValue();
            Object d = dst.get(k);
            if (d instanceof Map<?, ?> dm && s instanceof Map<?, ?> sm) {
                merge((Map<String, Object>) dm, (Map<String, Object>) sm);
            } else if (d instanceof List<?> dl && s instanceof List<?> sl && dl.size() == sl.size()) {
                mergeLists((List<Object>) dl, (List<Object>) sl);
            } else if (s != null || !dst.containsKey(k)) {
                dst.put(k, s);
            }
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
