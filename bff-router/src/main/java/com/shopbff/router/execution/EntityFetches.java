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

    /** One entity fetch of a request: the objects at {@code paths}, answered under {@code responseField}. */
    record Part(List<List<String>> paths, Fetch fetch, String responseField, String variable) {
    }

    /**
     * A part's representations and the objects each stands for: object {@code t} of {@link #targets} is answered by
     * representation {@code reprOf[t]} (-1: none sent for it). Representations are deduplicated through an
     * open-addressing table of their indexes (no boxing, no map entries).
     */
    private static final class PartState {
        final Part part;
        final EntityTargets targets;
        final List<Map<String, Object>> reprs = new ArrayList<>();
        final int[] reprOf;
        /** Per representation: how many objects it stands for, and the first of them. */
        int[] owners = new int[16];
        int[] firstOwner = new int[16];
        /** Per path: the first object sent from it (where a failure of the request is reported), or -1. */
        final int[] failureAt;
        final boolean guardTypename;
        private int[] table = new int[32];

        PartState(Part part, EntityTargets targets) {
            this.part = part;
            this.targets = targets;
            this.reprOf = new int[targets.size()];
            this.failureAt = new int[part.paths().size()];
            Arrays.fill(failureAt, -1);
            List<EntityInput> inputs = part.fetch().inputs();
            boolean io = false;
            for (int i = 0, n = inputs.size(); i < n; i++) {
                EntityInput in = inputs.get(i);
                if (!in.typename().equals(in.objectType())) io = true;
            }
            this.guardTypename = io;
        }

        /** The index of an equal representation already sent, or adds this one. */
        int indexOf(Map<String, Object> repr) {
            int n = reprs.size();
            if (n * 2 >= table.length) rehash(table.length * 2);
            int mask = table.length - 1;
            int h = repr.hashCode();
            for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
                int e = table[slot];
                if (e == 0) {
                    table[slot] = n + 1;
                    reprs.add(repr);
                    if (n == owners.length) {
                        owners = Arrays.copyOf(owners, n * 2);
                        firstOwner = Arrays.copyOf(firstOwner, n * 2);
                    }
                    return n;
                }
                if (reprs.get(e - 1).equals(repr)) return e - 1;
            }
        }

        private void rehash(int size) {
            table = new int[size];
            int mask = size - 1;
            for (int r = 0; r < reprs.size(); r++) {
                int h = reprs.get(r).hashCode();
                int slot = (h ^ (h >>> 16)) & mask;
                while (table[slot] != 0) slot = (slot + 1) & mask;
                table[slot] = r + 1;
            }
        }
    }

    /**
     * One request for the entity fetches {@code parts} (a single {@code _entities} field, or the aliased fields of
     * a batch). Representations of each part are collected from the objects at its paths and deduplicated; a
     * failing request leaves the parts' data missing, with an error at the first object of each path.
     */
    Future<Void> entityRequest(String service, String operation, List<String> clientVariables, List<Part> parts,
                               State st) {
        List<EntityTargets> targets = new ArrayList<>(parts.size());
        synchronized (st) {
            for (Part part : parts) targets.add(new EntityTargets(part.paths()).collect(st.data));
        }
        return send(service, operation, clientVariables, parts, targets, Map.of(), st);
    }

    /**
     * Entity fetches of fields with context arguments: the objects are grouped by the values their ancestors give
     * the arguments, and each group goes in its own request with those values as variables.
     */
    Future<Void> contextualRequests(PlanNode.Flatten fl, State st) {
        Fetch f = fl.fetch();
        Part part = new Part(List.of(fl.path()), f, "_entities", "representations");
        Map<List<Object>, int[]> byValues = new LinkedHashMap<>(); // values -> [count, members...]
        List<EntityTargets> groups = new ArrayList<>();
        List<List<Object>> groupValues = new ArrayList<>();
        synchronized (st) {
            EntityTargets ts = new EntityTargets(part.paths()).collect(st.data);
            for (int t = 0; t < ts.size(); t++) {
                List<Object> values = new ArrayList<>(f.contextArguments().size());
                for (PlanNode.ContextArgumentSource c : f.contextArguments()) values.add(contextValue(st.data, ts, t, c));
                int[] members = byValues.computeIfAbsent(values, k -> new int[4]);
                if (members[0] + 1 == members.length) byValues.put(values, members = Arrays.copyOf(members, members.length * 2));
                members[++members[0]] = t;
            }
            for (Map.Entry<List<Object>, int[]> e : byValues.entrySet()) {
                int[] m = e.getValue();
                groups.add(ts.only(Arrays.copyOfRange(m, 1, m[0] + 1), m[0]));
                groupValues.add(e.getKey());
            }
        }
        List<Future<Void>> sent = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            Map<String, Object> extra = new LinkedHashMap<>();
            for (int i = 0; i < f.contextArguments().size(); i++) extra.put(f.contextArguments().get(i).variable(), groupValues.get(g).get(i));
            sent.add(send(f.service(), f.operation(), f.variables(), List.of(part), List.of(groups.get(g)), extra, st));
        }
        return sent.isEmpty() ? Future.succeededFuture() : Future.join(sent).mapEmpty();
    }

    /** The value a context argument takes for object {@code t}: read on its ancestor at the source's depth. */
    @SuppressWarnings("unchecked")
    private static Object contextValue(Map<String, Object> root, EntityTargets ts, int t, PlanNode.ContextArgumentSource c) {
        Object v = c.ancestorDepth() > 0 ? ts.ancestor(root, t, c.ancestorDepth()) : root;
        for (String key : c.selection()) v = v instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(key) : null;
        return v;
    }

    private Future<Void> send(String service, String operation, List<String> clientVariables, List<Part> parts,
                              List<EntityTargets> targets, Map<String, Object> extraVariables, State st) {
        List<PartState> states = new ArrayList<>(parts.size());
        boolean any = false;
        synchronized (st) {
            for (int pi = 0; pi < parts.size(); pi++) {
                PartState ps = new PartState(parts.get(pi), targets.get(pi));
                representations(ps);
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
        return executor.call(service, Json.writeFast(body), st, null, (field, r) -> parseInto(states, field, r))
                .map(resp -> {
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
                        if (ps.part.responseField().equals(pl.get(0)) && n.intValue() < ps.reprs.size()) owner = ps;
                    }
                }
                if (owner != null) {
                    List<?> pl = (List<?>) p;
                    int r = ((Number) pl.get(1)).intValue();
                    for (int t = 0; t < owner.reprOf.length; t++) {
                        if (owner.reprOf[t] != r) continue;
                        List<Object> np = owner.targets.path(t);
                        np.addAll(pl.subList(2, pl.size()));
                        st.error(subgraphError(e, service, np));
                    }
                } else {
                    st.error(subgraphError(e, service, null));
                }
            }
            return (Void) null;
        }).recover(t -> {
            for (PartState ps : states) {
                for (int at : ps.failureAt) if (at >= 0) st.error(failure(t, service, ps.targets.path(at)));
            }
            return Future.succeededFuture();
        });
    }

    /** Builds and deduplicates the representations of a part's objects (those of another type are skipped). */
    private static void representations(PartState ps) {
        List<EntityInput> inputs = ps.part.fetch().inputs();
        Map<String, EntityInput> byType = null;
        if (inputs.size() > 1) {
            byType = new HashMap<>();
            for (EntityInput in : inputs) byType.put(in.objectType(), in);
        }
        EntityTargets ts = ps.targets;
        for (int t = 0, n = ts.size(); t < n; t++) {
            ps.reprOf[t] = -1;
            Map<String, Object> obj = ts.object(t);
            Object tn = obj.get("__typename");
            EntityInput in;
            if (byType == null) {
                in = inputs.get(0);
                if (tn != null && !in.objectType().equals(tn)) in = null;
            } else {
                in = tn == null ? null : byType.get(tn.toString());
            }
            if (in == null) continue;
            Map<String, Object> repr = representation(in, obj);
            if (repr == null) continue;
            int path = ts.pathIndex(t);
            if (ps.failureAt[path] < 0) ps.failureAt[path] = t;
            int r = ps.indexOf(repr);
            ps.reprOf[t] = r;
            if (ps.owners[r]++ == 0) ps.firstOwner[r] = t;
        }
    }

    /**
     * The object entity {@code r} of response field {@code field} is parsed straight into: its only owner, unless
     * the answer needs renaming (aliased) or a type check (interface objects) first.
     */
    private static JsonObject parseInto(List<PartState> states, String field, int r) {
        for (int i = 0, n = states.size(); i < n; i++) {
            PartState ps = states.get(i);
            if (!ps.part.responseField().equals(field)) continue;
            if (ps.guardTypename || ps.part.fetch().aliased() || r >= ps.reprs.size() || ps.owners[r] != 1) return null;
            return ps.targets.object(ps.firstOwner[r]) instanceof JsonObject o ? o : null;
        }
        return null;
    }

    private static void mergeEntities(PartState ps, List<?> ents) {
        int n = ents.size();
        for (int t = 0; t < ps.reprOf.length; t++) {
            int r = ps.reprOf[t];
            if (r < 0 || r >= n || !(ents.get(r) instanceof Map<?, ?> em)) continue;
            Map<String, Object> target = ps.targets.object(t);
            if (em == target) continue; // parsed straight into it
            Map<String, Object> result = cast(em);
            if (ps.guardTypename) {
                Object own = target.get("__typename");
                Object got = result.get("__typename");
                if (own != null && got != null && !own.equals(got) && !own.equals(ps.reprs.get(r).get("__typename"))) {
                    // an interface object answers with the interface name: keep the concrete type
                    Map<String, Object> copy = new LinkedHashMap<>(result);
                    copy.remove("__typename");
                    merge(target, copy);
                    continue;
                }
            }
            merge(target, result);
        }
    }

    /** Builds a representation; null when a key field is missing or null (such objects are not sent). */
    static Map<String, Object> representation(EntityInput in, Map<String, Object> obj) {
        List<String> keys = in.keyFields();
        for (int i = 0, n = keys.size(); i < n; i++) {
            if (obj.get(keys.get(i)) == null) return null;
        }
        JsonObject r = new JsonObject(in.fields().size() + 1);
        r.append("__typename", in.typename());
        copy(in.fields(), obj, r);
        return r;
    }

    private static void copy(List<ReprField> fields, Map<String, Object> src, JsonObject dst) {
        JsonObject from = src instanceof JsonObject o ? o : null;
        int next = 0;
        for (int i = 0, n = fields.size(); i < n; i++) {
            ReprField f = fields.get(i);
            Object v;
            if (from != null) {
                int at = from.positionOf(f.source(), next);
                if (at < 0) continue;
                next = at + 1;
                v = from.valueAt(at);
            } else {
                if (!src.containsKey(f.source())) continue;
                v = src.get(f.source());
            }
            dst.put(f.name(), project(f, v));
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
            JsonObject out = new JsonObject(f.children().size());
            copy(f.children(), (Map<String, Object>) m, out);
            return out;
        }
        return v;
    }

}
