package com.shopbff.router.execution;

import com.shopbff.router.json.Json;
import com.shopbff.router.json.JsonObject;
import com.shopbff.router.json.JsonReader;
import com.shopbff.router.plan.PlanNode;
import com.shopbff.router.plan.PlanNode.Fetch;
import com.shopbff.router.pipeline.RouterObserver;
import io.vertx.core.Future;

import java.util.*;

import static com.shopbff.router.execution.DataTree.merge;
import static com.shopbff.router.execution.DataTree.unalias;
import static com.shopbff.router.execution.SubgraphErrors.*;

/**
 * Runs a plan: walks its nodes — Sequence in order, Parallel concurrently, Condition by its variable, Defer's
 * parts one after another — and sends each Fetch (root fetches here, entity fetches and batches through
 * {@link EntityFetches}). Every decision is the plan's: the executor only walks. A failing subgraph never fails the
 * request: its part stays missing and an error names the path.
 */
public final class Executor {
    private final SubgraphClient client;
    private final EntityFetches entities = new EntityFetches(this);

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
            case PlanNode.Flatten fl when !fl.fetch().contextArguments().isEmpty() -> entities.contextualRequests(fl, st);
            case PlanNode.Flatten fl -> entities.entityRequest(fl.fetch().service(), fl.fetch().operation(),
                    fl.fetch().variables(), List.of(new EntityFetches.Part(List.of(fl.path()), fl.fetch(), "_entities",
                            "representations")), st);
            case PlanNode.EntityBatch b -> {
                List<EntityFetches.Part> parts = new ArrayList<>(b.parts().size());
                for (PlanNode.BatchPart p : b.parts()) {
                    parts.add(new EntityFetches.Part(p.paths(), p.fetch(), p.alias(), p.representationsVariable()));
                }
                yield entities.entityRequest(b.service(), b.operation(), b.variables(), parts, st);
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
    Future<Map<String, Object>> call(String service, byte[] body, State st) {
        return call(service, body, st, null, null);
    }

    /**
     * One subgraph request, observed, its body parsed — into the data tree when {@code dataTarget} (the answer's
     * {@code data} merges into it) or {@code entities} (the items of its lists merge into their objects) is given.
     */
    Future<Map<String, Object>> call(String service, byte[] body, State st, JsonObject dataTarget,
                                     JsonReader.EntityTargets entities) {
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
            if (dataTarget == null && entities == null) return Future.succeededFuture(parse(service, r));
            synchronized (st) {
                return Future.succeededFuture(parse(service, r, dataTarget, entities));
            }
        });
    }

    /** The subgraph's GraphQL response body; a body that is not one fails the call. */
    static Map<String, Object> parse(String service, SubgraphClient.Response r) {
        return parse(service, r, null, null);
    }

    private static Map<String, Object> parse(String service, SubgraphClient.Response r, JsonObject dataTarget,
                                             JsonReader.EntityTargets entities) {
        Object parsed;
        try {
            parsed = dataTarget == null && entities == null ? JsonReader.parseResponse(r.body())
                    : JsonReader.parseResponseInto(r.body(), dataTarget, entities);
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
        // the answer's data parses straight into the tree (aliased answers are renamed first, so they cannot)
        JsonObject into = !f.aliased() && st.data instanceof JsonObject o ? o : null;
        return call(f.service(), Json.writeFast(body), st, into, null).map(resp -> {
            Object d = resp.get("data");
            if (f.aliased()) unalias(d);
            if (d != st.data && d instanceof Map<?, ?> dm) {
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

}
