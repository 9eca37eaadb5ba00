package com.shopbff.router.pipeline;

import com.shopbff.router.execution.Executor;
import com.shopbff.router.json.JsonWriter;
import com.shopbff.router.limits.Limits;
import com.shopbff.router.limits.LimitsChecker;
import com.shopbff.router.operation.FieldPath;
import com.shopbff.router.operation.FieldRemoval;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.operation.Normalizer;
import com.shopbff.router.pipeline.RouterObserver.Outcome;
import com.shopbff.router.pipeline.RouterObserver.RequestObservation;
import com.shopbff.router.plan.PlanNode;
import com.shopbff.router.plan.Planner;
import com.shopbff.router.plan.QueryPlan;
import com.shopbff.router.response.ResponseShaper;
import com.shopbff.router.supergraph.Supergraph;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.Definition;
import graphql.language.OperationDefinition;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.*;

/**
 * The transport-independent request path, shared by HTTP and WebSocket:
 * <ol>
 *   <li>resolve the document text ({@link DocumentResolver});</li>
 *   <li>parse, check limits and validate ({@link DocumentParser}; cached by text);</li>
 *   <li>select the operation, coerce the variables, check ID and page-size variables;</li>
 *   <li>normalise (cached by text, operation name and the values of {@code @skip}/{@code @include} variables);</li>
 *   <li>run the {@link OperationCheck}s (refuse, remove fields, add response extensions);</li>
 *   <li>plan (cached by the normalised operation and the removed fields);</li>
 *   <li>execute the plan and complete the response.</li>
 * </ol>
 * Steps 1–6 are {@link #prepare}, which yields {@link Prepared} or {@link Rejected}. Every failure becomes a
 * GraphQL error with an {@code extensions.code}, never an exception. The caches follow one {@link CachePolicy}.
 */
public final class OperationPipeline {
    private final Supergraph sg;
    private final Executor executor;
    private final ResponseShaper shaper;
    private final Limits limits;
    private final RouterExtensions extensions;
    private final Preparer preparer;
    private volatile GraphQL introspection;

    public OperationPipeline(Supergraph sg, Executor executor, Limits limits) {
        this(sg, executor, limits, RouterExtensions.NONE, CachePolicy.DEFAULTS);
    }

    public OperationPipeline(Supergraph sg, Executor executor, Limits limits, RouterExtensions extensions,
                             CachePolicy cachePolicy) {
        this.sg = sg;
        this.executor = executor;
        this.shaper = new ResponseShaper(sg);
        this.limits = limits;
        this.extensions = extensions;
        this.preparer = new Preparer(sg, limits, extensions, cachePolicy);
    }


    /** The request limits this pipeline enforces. */
    public Limits limits() {
        return limits;
    }

    public Supergraph supergraph() {
        return sg;
    }

    public Executor executor() {
        return executor;
    }

    public ResponseShaper shaper() {
        return shaper;
    }

    public RouterObserver observer() {
        return extensions.observer();
    }

    /** Resolves, parses, validates, checks and plans; yields a {@link Prepared} or a {@link Rejected}. */
    public Preparation prepare(GraphQLRequest req) {
        return prepare(req, RequestObservation.NONE);
    }

    /** {@link #prepare(GraphQLRequest)} reporting to a request observation. */
    public Preparation prepare(GraphQLRequest req, RequestObservation observation) {
        return preparer.prepare(req, observation);
    }

    /** Runs a request end to end. */
    public Future<GraphQLResponse> execute(GraphQLRequest req) {
        return execute(req, false);
    }

    /**
     * Runs a request end to end; with {@code encode}, a response without errors comes back already serialised
     * ({@link GraphQLResponse#encoded()}), completed while it is written.
     */
    public Future<GraphQLResponse> execute(GraphQLRequest req, boolean encode) {
        return execute(req, encode, false);
    }

    /**
     * Runs a request end to end. With {@code incremental} (the client accepts {@code multipart/mixed}), an
     * operation with deferred fragments answers incrementally ({@link GraphQLResponse#incremental()}); otherwise
     * the deferred fields come in the one response.
     */
    public Future<GraphQLResponse> execute(GraphQLRequest req, boolean encode, boolean incremental) {
        return respond(start(req), encode, incremental);
    }

    /** A request whose preparation is done, with its observation; {@link #respond} runs it. */
    public record Started(Preparation preparation, RequestObservation observation) {
        /** Whether identical requests in flight may share this one's response: a query, not refused for a bug. */
        public boolean shareable() {
            return preparation instanceof Prepared p && p.operationKind().equals("query");
        }
    }

    /** Observes and prepares a request (the first half of {@link #execute}). */
    public Started start(GraphQLRequest req) {
        RequestObservation obs = extensions.observer().requestStarted(req);
        try {
            return new Started(prepare(req, obs), obs);
        } catch (RuntimeException | StackOverflowError e) {
            System.err.println("bff-router: request preparation failed: " + e);
            return new Started(null, obs);
        }
    }

    /** Runs a started request (the second half of {@link #execute}). */
    public Future<GraphQLResponse> respond(Started started, boolean encode, boolean incremental) {
        RequestObservation obs = started.observation();
        if (started.preparation() == null) {
            // a router bug must not surface as a 500 with a stack trace: it is a GraphQL error like any other
            return Future.succeededFuture(finish(obs, internalError("Internal router error while preparing the operation.")));
        }
        return switch (started.preparation()) {
            case Rejected r -> Future.succeededFuture(finish(obs, GraphQLResponse.of(r)));
            case Prepared prep when prep.plan().root() instanceof PlanNode.Subscription ->
                    Future.succeededFuture(finish(obs, GraphQLResponse.of(Rejected.transport(400,
                            "Subscriptions need a WebSocket (graphql-transport-ws) connection.", "BAD_REQUEST"))));
            case Prepared prep when incremental && prep.plan().error() == null
                    && prep.plan().root() instanceof PlanNode.Defer defer -> runIncremental(prep, defer, obs);
            case Prepared prep -> run(prep, prep.plan().root(), new com.shopbff.router.json.JsonObject(), List.of(), encode, obs)
                    .map(r -> finish(obs, r));
        };
    }

    /**
     * Runs the initial fetches and answers with the initial payload (deferred fields left out); the deferred
     * fragments run when the transport asks for the rest. The observer hears the end after the last payload.
     */
    private Future<GraphQLResponse> runIncremental(Prepared prep, PlanNode.Defer defer, RequestObservation obs) {
        NormalizedOperation nop = prep.plan().operation();
        Executor.State st = new Executor.State(new com.shopbff.router.json.JsonObject(), prep.variables(), prep.request().headers(), obs);
        st.errors.addAll(prep.initialErrors());
        if (nop.introspection()) introspect(prep, st);
        return run(defer.primary(), st).transform(ar -> {
            Map<String, Object> initial = new LinkedHashMap<>();
            Map<String, Object> data = complete(nop, st, prep.variables(), true);
            if (!st.errors.isEmpty()) initial.put("errors", new ArrayList<>(st.errors));
            initial.put("data", data);
            boolean more = data != null && !defer.deferred().isEmpty();
            initial.put("hasNext", more);
            if (!prep.responseExtensions().isEmpty()) initial.put("extensions", prep.responseExtensions());
            if (!more) return Future.succeededFuture(finish(obs, GraphQLResponse.of(initial)));
            List<Map<String, Object>> all = new ArrayList<>(st.errors);
            int[] seen = {st.errors.size()};
            IncrementalDelivery rest = payloads -> {
                Future<Void> f = Future.succeededFuture();
                List<PlanNode.Deferred> parts = defer.deferred();
                for (int i = 0; i < parts.size(); i++) {
                    PlanNode.Deferred part = parts.get(i);
                    boolean last = i == parts.size() - 1;
                    f = f.compose(v -> run(part.node(), st).transform(done -> {
                        List<Map<String, Object>> fresh = new ArrayList<>(st.errors.subList(seen[0], st.errors.size()));
                        seen[0] = st.errors.size();
                        List<Map<String, Object>> itemErrors = new ArrayList<>();
                        List<Map<String, Object>> items = shaper.deferredPayloads(nop, st.data, part.fragment(),
                                prep.variables(), itemErrors);
                        all.addAll(fresh);
                        all.addAll(itemErrors);
                        Map<String, Object> payload = new LinkedHashMap<>();
                        if (!fresh.isEmpty()) {
                            if (items.isEmpty()) payload.put("errors", fresh);
                            else items.get(0).merge("errors", fresh, (a, b) -> {
                                List<Object> l = new ArrayList<>((List<?>) b);
                                l.addAll((List<?>) a);
                                return l;
                            });
                        }
                        if (!items.isEmpty() || last || !fresh.isEmpty()) {
                            if (!items.isEmpty()) payload.put("incremental", items);
                            payload.put("hasNext", !last);
                            payloads.accept(payload);
                        }
                        return Future.<Void>succeededFuture();
                    }));
                }
                return f.onComplete(x -> {
                    Map<String, Object> summary = new LinkedHashMap<>();
                    if (!all.isEmpty()) summary.put("errors", all);
                    finish(obs, GraphQLResponse.of(summary));
                });
            };
            return Future.succeededFuture(GraphQLResponse.incremental(initial, rest));
        });
    }

    /** Runs a node, turning a failure (a router bug) into an INTERNAL_SERVER_ERROR error. */
    private Future<Void> run(PlanNode node, Executor.State st) {
        Future<Void> f;
        try {
            f = executor.run(node, st);
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        return f.recover(t -> {
            System.err.println("bff-router: execution failed: " + t);
            st.errors.add(Rejected.error("Execution failed.", "INTERNAL_SERVER_ERROR"));
            return Future.succeededFuture();
        });
    }

    /** The data completed into a tree (errors appended to the state's); null on a router bug. */
    private Map<String, Object> complete(NormalizedOperation nop, Executor.State st, Map<String, Object> variables,
                                         boolean leaveOutDeferred) {
        try {
            return shaper.shapeData(nop, st.data, st.errors, variables, leaveOutDeferred);
        } catch (RuntimeException e) {
            System.err.println("bff-router: response shaping failed: " + e);
            st.errors.add(Rejected.error("Response shaping failed.", "INTERNAL_SERVER_ERROR"));
            return null;
        }
    }

    /**
     * Runs, for one event of a subscription, the rest of its plan ({@link PlanNode.Subscription#rest()}) starting
     * from the event's data, and completes the response. {@code eventErrors} (the subgraph's errors of the event)
     * lead the response's errors.
     */
    public Future<GraphQLResponse> executeSubscriptionEvent(Prepared prep, Map<String, Object> eventData,
                                                            List<Map<String, Object>> eventErrors,
                                                            RequestObservation observation) {
        if (!(prep.plan().root() instanceof PlanNode.Subscription sub)) {
            throw new IllegalArgumentException("not a subscription plan");
        }
        return run(prep, sub.rest(), new LinkedHashMap<>(eventData), eventErrors, false, observation);
    }

    private static GraphQLResponse finish(RequestObservation obs, GraphQLResponse r) {
        if (obs == RequestObservation.NONE) return r;
        List<String> codes = new ArrayList<>();
        for (Object e : r.errors()) {
            if (e instanceof Map<?, ?> m && m.get("extensions") instanceof Map<?, ?> x && x.get("code") != null) {
                codes.add(String.valueOf(x.get("code")));
            }
        }
        Outcome.Kind kind = r.isRequestError() ? Outcome.Kind.REJECTED
                : codes.contains("INTERNAL_SERVER_ERROR") ? Outcome.Kind.INTERNAL_ERROR
                : r.errors().isEmpty() ? Outcome.Kind.SUCCESS : Outcome.Kind.PARTIAL;
        try {
            obs.finished(new Outcome(kind, codes));
        } catch (RuntimeException e) {
            System.err.println("bff-router: observer failed: " + e);
        }
        return r;
    }

    private static GraphQLResponse internalError(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(Rejected.error(message, "INTERNAL_SERVER_ERROR")));
        body.put("data", null);
        return GraphQLResponse.of(body);
    }

    private Future<GraphQLResponse> run(Prepared prep, PlanNode root, Map<String, Object> initial,
                                        List<Map<String, Object>> leadingErrors, boolean encode,
                                        RequestObservation obs) {
        NormalizedOperation nop = prep.plan().operation();
        if (prep.plan().error() != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", List.of(Rejected.error(prep.plan().error(), "QUERY_PLANNING_FAILED")));
            body.put("data", null);
            return Future.succeededFuture(GraphQLResponse.of(body));
        }
        Executor.State st = new Executor.State(initial, prep.variables(), prep.request().headers(), obs);
        st.errors.addAll(leadingErrors);
        st.errors.addAll(prep.initialErrors());
        if (nop.introspection()) introspect(prep, st);
        Future<Void> f;
        try {
            f = executor.run(root, st);
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        return f.transform(ar -> {
            if (ar.failed()) {
                System.err.println("bff-router: execution failed: " + ar.cause());
                st.errors.add(Rejected.error("Execution failed.", "INTERNAL_SERVER_ERROR"));
            }
            if (encode && st.errors.isEmpty()) {
                Buffer out = encodeData(nop, st.data, prep.variables(), prep.responseExtensions());
                if (out != null) return Future.succeededFuture(GraphQLResponse.encoded(out));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            Map<String, Object> data;
            try {
                data = shaper.shapeData(nop, st.data, st.errors, prep.variables(), false);
            } catch (RuntimeException e) {
                data = null;
                System.err.println("bff-router: response shaping failed: " + e);
                st.errors.add(Rejected.error("Response shaping failed.", "INTERNAL_SERVER_ERROR"));
            }
            if (!st.errors.isEmpty()) body.put("errors", st.errors);
            body.put("data", data);
            if (!prep.responseExtensions().isEmpty()) body.put("extensions", prep.responseExtensions());
            return Future.succeededFuture(GraphQLResponse.of(body));
        });
    }

    private void introspect(Prepared prep, Executor.State st) {
        GraphQL gql = introspection;
        if (gql == null) introspection = gql = GraphQL.newGraphQL(sg.apiSchema()).build(); // first use: keeps startup lean
        ExecutionResult r = gql.execute(ExecutionInput.newExecutionInput(prep.document())
                .operationName(prep.request().operationName()).variables(prep.variables()).build());
        if (r.getData() instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) st.data.put(String.valueOf(e.getKey()), e.getValue());
        }
        for (GraphQLError e : r.getErrors()) st.errors.add(e.toSpecification());
    }

    /** {@code {"data":...}} written while completing; null when completion needs errors (then the tree path runs). */
    private Buffer encodeData(NormalizedOperation nop, Map<String, Object> data, Map<String, Object> variables,
                              Map<String, Object> responseExtensions) {
        JsonWriter w = new JsonWriter(responseSizeHint);
        w.startObject();
        w.name(DATA);
        if (!shaper.writeData(nop, data, w, variables, false)) return null;
        if (!responseExtensions.isEmpty()) {
            w.name(EXTENSIONS);
            w.value(responseExtensions);
        }
        w.endObject();
        int n = w.size();
        // the next response starts with room for this one (bounded), so buffers rarely grow
        if (n > responseSizeHint && n <= MAX_SIZE_HINT) responseSizeHint = n + (n >> 3);
        return w.toBuffer();
    }

    private static final byte[] DATA = JsonWriter.encodeName("data");
    private static final byte[] EXTENSIONS = JsonWriter.encodeName("extensions");
    /** Response buffers start at the largest response size seen so far, up to this (4 MiB). */
    private static final int MAX_SIZE_HINT = 4 << 20;
    private volatile int responseSizeHint = 16 * 1024;

    /** Number of entries in the document, operation and plan caches (for tests and diagnostics). */
    public long[] cacheSizes() {
        return preparer.cacheSizes();
    }
}
