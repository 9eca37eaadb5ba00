package com.shopbff.router.http;

import com.shopbff.router.execution.Executor;
import com.shopbff.router.limits.Limits;
import com.shopbff.router.limits.LimitsChecker;
import com.shopbff.router.operation.NOperation;
import com.shopbff.router.operation.Normalizer;
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
import graphql.language.*;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import com.fasterxml.jackson.core.JsonGenerator;
import com.shopbff.router.json.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.*;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transport-independent request path: parse (cached) → limits → validate (cached) → select operation →
 * coerce variables → normalise and plan (cached by text, operation name and skip/include variable values) →
 * execute → shape. Every failure becomes a GraphQL error with an {@code extensions.code}, never an exception.
 */
public final class OperationPipeline {
    private static final int CACHE_MAX = 5_000;
    /** Longer query texts are not cached: hostile clients must not fill the caches with megabytes of keys. */
    private static final int CACHEABLE_QUERY_CHARS = 32 * 1024;
    /** Error messages echo client input (tokens, values): they are cut to this length. */
    private static final int MAX_MESSAGE_CHARS = 500;
    private final Supergraph sg;
    private final Planner planner;
    private final Executor executor;
    private final ResponseShaper shaper;
    private final Limits limits;
    private volatile GraphQL introspection;
    private final Map<String, Parsed> documents = new ConcurrentHashMap<>();
    private final Map<String, QueryPlan> plans = new ConcurrentHashMap<>();

    /** A request as read from HTTP or WebSocket. */
    public record Request(String query, String operationName, Map<String, Object> variables,
                          Map<String, String> headers, boolean get) {
    }

    /** A response body plus whether it is a request error (status 4xx for graphql-response+json). */
    public record Response(Map<String, Object> body, int requestErrorStatus, Buffer encoded) {
        public Response(Map<String, Object> body, int requestErrorStatus) {
            this(body, requestErrorStatus, null);
        }

        /** A successful response already serialised (the HTTP fast path); {@link #body()} is null. */
        public static Response encoded(Buffer json) {
            return new Response(null, 0, json);
        }

        public boolean isRequestError() {
            return requestErrorStatus != 0;
        }
    }

    /** A parsed and validated document (or its errors), cached by text. */
    record Parsed(Document doc, Map<String, Object> error, Set<String> conditionVars, Set<String> pageVars) {
    }

    /** A prepared operation: what execution of one request needs. */
    public record Prepared(QueryPlan plan, Map<String, Object> variables, Map<String, String> headers,
                           Request request) {
    }

    public OperationPipeline(Supergraph sg, Executor executor, Limits limits) {
        this.sg = sg;
        this.planner = new Planner(sg);
        this.executor = executor;
        this.shaper = new ResponseShaper(sg);
        this.limits = limits;
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

    /** Parses, validates and plans; returns either a {@link Prepared} or an error {@link Response}. */
    public Object prepare(Request req) {
        if (req.query() == null || req.query().isBlank()) {
            return requestError(400, "Must provide query string.", "BAD_REQUEST");
        }
        Parsed parsed = documents.get(req.query());
        if (parsed == null) {
            parsed = parse(req.query());
            if (req.query().length() <= CACHEABLE_QUERY_CHARS) {
                if (documents.size() > CACHE_MAX) documents.clear();
                documents.put(req.query(), parsed);
            }
        }
        if (parsed.error() != null) return new Response(parsed.error(), 400);
        OperationDefinition op = null;
        int ops = 0;
        for (Definition<?> d : parsed.doc().getDefinitions()) {
            if (d instanceof OperationDefinition o) {
                ops++;
                if (req.operationName() == null ? op == null : req.operationName().equals(o.getName())) op = o;
            }
        }
        if (req.operationName() == null && ops > 1) {
            return requestError(400, "Must provide operation name if query contains multiple operations.",
                    "OPERATION_RESOLUTION_FAILURE");
        }
        if (op == null) {
            return requestError(400, "Unknown operation named \"" + req.operationName() + "\".",
                    "OPERATION_RESOLUTION_FAILURE");
        }
        if (req.get() && op.getOperation() != OperationDefinition.Operation.QUERY) {
            return requestError(405, "Only queries can be sent with GET; use POST.", "METHOD_NOT_ALLOWED");
        }
        Map<String, Object> vars = req.variables() == null ? Map.of() : req.variables();
        if (!op.getVariableDefinitions().isEmpty() || !vars.isEmpty()) {
            try {
                ValuesResolver.coerceVariableValues(sg.apiSchema(), op.getVariableDefinitions(),
                        RawVariables.of(vars), GraphQLContext.getDefault(), Locale.ENGLISH);
            } catch (RuntimeException e) {
                String msg = e instanceof GraphQLError ge ? ge.getMessage() : String.valueOf(e.getMessage());
                return requestError(400, msg, "BAD_USER_INPUT");
            }
        }
        LimitsChecker.Violation badId = LimitsChecker.checkIdVariables(op, vars);
        if (badId != null) return requestError(400, badId.message(), badId.code());
        LimitsChecker.Violation pageSize = LimitsChecker.checkPageVariables(op, parsed.pageVars(), vars, limits);
        if (pageSize != null) return requestError(400, pageSize.message(), pageSize.code());
        StringBuilder key = new StringBuilder(req.query()).append('\u0000').append(req.operationName());
        for (String v : parsed.conditionVars()) key.append('\u0000').append(v).append('=').append(vars.get(v));
        String k = key.toString();
        QueryPlan plan = plans.get(k);
        if (plan == null) {
            NOperation nop = Normalizer.normalize(sg, parsed.doc(), op, vars);
            plan = planner.plan(nop);
            if (req.query().length() <= CACHEABLE_QUERY_CHARS) {
                if (plans.size() > CACHE_MAX) plans.clear();
                plans.put(k, plan);
            }
        }
        return new Prepared(plan, vars, req.headers(), req);
    }

    /** Runs a request end to end. */
    public Future<Response> execute(Request req) {
        return execute(req, false);
    }

    /**
     * Runs a request end to end; with {@code encode}, a successful response without errors comes back already
     * serialised ({@link Response#encoded()}), shaped while it is written.
     */
    public Future<Response> execute(Request req, boolean encode) {
        Object p;
        try {
            p = prepare(req);
        } catch (RuntimeException | StackOverflowError e) {
            System.err.println("bff-router: request preparation failed: " + e);
            // a router bug must not surface as a 500 with a stack trace: it is a GraphQL error like any other
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", List.of(error("Internal router error while preparing the operation.", "INTERNAL_SERVER_ERROR")));
            body.put("data", null);
            return Future.succeededFuture(new Response(body, 0));
        }
        if (p instanceof Response r) return Future.succeededFuture(r);
        Prepared prep = (Prepared) p;
        if (prep.plan().operation().kind().equals("subscription")) {
            return Future.succeededFuture(requestError(400,
                    "Subscriptions need a WebSocket (graphql-transport-ws) connection.", "BAD_REQUEST"));
        }
        return run(prep, new LinkedHashMap<>(), encode);
    }

    /** Executes a prepared plan starting from {@code initial} data and shapes the response. */
    public Future<Response> run(Prepared prep, Map<String, Object> initial) {
        return run(prep, initial, false);
    }

    private Future<Response> run(Prepared prep, Map<String, Object> initial, boolean encode) {
        Executor.State st = new Executor.State(initial, prep.variables(), prep.headers());
        NOperation nop = prep.plan().operation();
        if (prep.plan().error() != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", List.of(error(prep.plan().error(), "QUERY_PLANNING_FAILED")));
            body.put("data", null);
            return Future.succeededFuture(new Response(body, 0));
        }
        if (nop.introspection()) {
            GraphQL gql = introspection;
            if (gql == null) introspection = gql = GraphQL.newGraphQL(sg.apiSchema()).build(); // first use: keeps startup lean
            ExecutionResult r = gql.execute(ExecutionInput.newExecutionInput(prep.request().query())
                    .operationName(prep.request().operationName()).variables(prep.variables()).build());
            if (r.getData() instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) st.data.put(String.valueOf(e.getKey()), e.getValue());
            }
            for (GraphQLError e : r.getErrors()) st.errors.add(e.toSpecification());
        }
        Future<Void> f;
        try {
            f = executor.run(prep.plan().root(), st);
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        return f.transform(ar -> {
            if (ar.failed()) {
                System.err.println("bff-router: execution failed: " + ar.cause());
                st.errors.add(error("Execution failed.", "INTERNAL_SERVER_ERROR"));
            }
            if (encode && st.errors.isEmpty()) {
                Buffer out = encodeData(nop, st.data);
                if (out != null) return Future.succeededFuture(Response.encoded(out));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            Map<String, Object> data;
            try {
                data = shaper.shapeData(nop, st.data, st.errors);
            } catch (RuntimeException e) {
                data = null;
                System.err.println("bff-router: response shaping failed: " + e);
                st.errors.add(error("Response shaping failed.", "INTERNAL_SERVER_ERROR"));
            }
            if (!st.errors.isEmpty()) body.put("errors", st.errors);
            body.put("data", data);
            return Future.succeededFuture(new Response(body, 0));
        });
    }

    /** {@code {"data":...}} written while shaping; null when shaping needs errors (then the tree path runs). */
    private Buffer encodeData(NOperation nop, Map<String, Object> data) {
        Json.BufferOutput out = Json.bufferOutput();
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeFieldName("data");
            if (!shaper.writeData(nop, data, g)) return null;
            g.writeEndObject();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return out.finish();
    }

    private Parsed parse(String query) {
        Document doc;
        try {
            doc = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(LimitsChecker.parserOptions(limits)).build());
        } catch (ParseCancelledException e) {
            LimitsChecker.Violation v = LimitsChecker.parseCancelled(e.getMessage());
            return new Parsed(null, errorBody(v.message(), v.code(), null), Set.of(), Set.of());
        } catch (InvalidSyntaxException e) {
            if (e.getMessage() != null && e.getMessage().contains("To prevent Denial Of Service attacks")) {
                LimitsChecker.Violation v = LimitsChecker.parseCancelled(e.getMessage());
                return new Parsed(null, errorBody(v.message(), v.code(), null), Set.of(), Set.of());
            }
            return new Parsed(null, errorBody(e.getMessage(), "GRAPHQL_PARSE_FAILED", e.getLocation() == null ? null
                    : List.of(Map.of("line", e.getLocation().getLine(), "column", e.getLocation().getColumn()))), Set.of(), Set.of());
        } catch (RuntimeException | StackOverflowError e) {
            return new Parsed(null, errorBody("Syntax error: " + e.getMessage(), "GRAPHQL_PARSE_FAILED", null), Set.of(), Set.of());
        }
        for (Definition<?> d : doc.getDefinitions()) {
            if (!(d instanceof OperationDefinition) && !(d instanceof FragmentDefinition)) {
                return new Parsed(null, errorBody("The document must contain only operations and fragments.",
                        "GRAPHQL_VALIDATION_FAILED", null), Set.of(), Set.of());
            }
        }
        LimitsChecker.Violation violation = LimitsChecker.check(doc, limits);
        if (violation != null) {
            return new Parsed(null, errorBody(violation.message(), violation.code(), null), Set.of(), Set.of());
        }
        List<ValidationError> errors = new Validator().validateDocument(sg.apiSchema(), doc, Locale.ENGLISH);
        if (!errors.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (ValidationError ve : errors) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("message", cut(ve.getMessage()));
                if (ve.getLocations() != null && !ve.getLocations().isEmpty()) {
                    List<Object> locs = new ArrayList<>();
                    for (var l : ve.getLocations()) locs.add(Map.of("line", l.getLine(), "column", l.getColumn()));
                    e.put("locations", locs);
                }
                e.put("extensions", Map.of("code", "GRAPHQL_VALIDATION_FAILED"));
                list.add(e);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", list);
            return new Parsed(null, body, Set.of(), Set.of());
        }
        return new Parsed(doc, null, Normalizer.conditionVariables(doc), LimitsChecker.pageSizeVariables(doc));
    }

    private static Map<String, Object> errorBody(String message, String code, List<Object> locations) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", cut(message));
        if (locations != null) e.put("locations", locations);
        e.put("extensions", Map.of("code", code));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(e));
        return body;
    }

    private static String cut(String message) {
        if (message == null) return "Invalid request.";
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    static Map<String, Object> error(String message, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("extensions", Map.of("code", code));
        return e;
    }

    /** A request error response. */
    public static Response requestError(int status, String message, String code) {
        return new Response(errorBody(message, code, null), status);
    }
}
