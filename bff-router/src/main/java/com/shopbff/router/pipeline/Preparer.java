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
 * The preparing half of the pipeline: document text → parsed and validated document (cached) → operation →
 * variables → normalised operation (cached) → operation checks → plan (cached). One {@link CachePolicy} bounds the
 * three caches.
 */
final class Preparer {
    private final Supergraph sg;
    private final Planner planner;
    private final Limits limits;
    private final RouterExtensions extensions;
    private final CachePolicy cachePolicy;
    private final DocumentParser parser;
    private final ProgressiveOverrides overrides;
    private final BoundedCache<String, ParsedDocument> documents;
    private final BoundedCache<OperationKey, NormalizedOperation> operations;
    private final BoundedCache<PlanKey, QueryPlan> plans;

    /** Which normalisation of which document: text, operation name, values of {@code @defer(if:)} variables. */
    private record OperationKey(String document, String operationName, String normalizationValues) {
    }

    /**
     * Which plan: the normalised operation, the fields checks removed (sorted paths, "" for none) and the active
     * progressive-override labels.
     */
    private record PlanKey(OperationKey operation, String removed, Set<String> overrideLabels) {
    }

    Preparer(Supergraph sg, Limits limits, RouterExtensions extensions, CachePolicy cachePolicy) {
        this.sg = sg;
        this.planner = new Planner(sg);
        this.limits = limits;
        this.extensions = extensions;
        this.cachePolicy = cachePolicy;
        this.parser = new DocumentParser(sg, limits);
        this.overrides = new ProgressiveOverrides(sg);
        this.documents = new BoundedCache<>(cachePolicy, String::length);
        this.operations = new BoundedCache<>(cachePolicy, k -> k.document().length());
        this.plans = new BoundedCache<>(cachePolicy, k -> k.operation().document().length() + k.removed().length());
    }

    /** Resolves, parses, validates, checks and plans; yields a {@link Prepared} or a {@link Rejected}. */
    Preparation prepare(GraphQLRequest req, RequestObservation observation) {
        String text;
        switch (extensions.documentResolver().resolve(req)) {
            case Rejected r -> {
                return r;
            }
            case DocumentResolver.Found f -> text = f.text();
        }
        boolean cacheable = cachePolicy.cacheable(text);
        ParsedDocument parsed = cacheable ? documents.get(text, parser::parse) : parser.parse(text);
        if (parsed.rejected() != null) return parsed.rejected();
        OperationDefinition op = null;
        int ops = 0;
        for (Definition<?> d : parsed.document().getDefinitions()) {
            if (d instanceof OperationDefinition o) {
                ops++;
                if (req.operationName() == null ? op == null : req.operationName().equals(o.getName())) op = o;
            }
        }
        if (req.operationName() == null && ops > 1) {
            return Rejected.requestError("Must provide operation name if query contains multiple operations.",
                    "OPERATION_RESOLUTION_FAILURE");
        }
        if (op == null) {
            return Rejected.requestError("Unknown operation named \"" + req.operationName() + "\".",
                    "OPERATION_RESOLUTION_FAILURE");
        }
        observation.operationResolved(op.getName(), kind(op));
        if (req.get() && op.getOperation() != OperationDefinition.Operation.QUERY) {
            return Rejected.transport(405, "Only queries can be sent with GET; use POST.", "METHOD_NOT_ALLOWED");
        }
        Map<String, Object> vars = req.variables() == null ? Map.of() : req.variables();
        if (!op.getVariableDefinitions().isEmpty() || !vars.isEmpty()) {
            try {
                ValuesResolver.coerceVariableValues(sg.apiSchema(), op.getVariableDefinitions(),
                        RawVariables.of(vars), GraphQLContext.getDefault(), Locale.ENGLISH);
            } catch (RuntimeException e) {
                String msg = e instanceof GraphQLError ge ? ge.getMessage() : String.valueOf(e.getMessage());
                return Rejected.requestError(msg, "BAD_USER_INPUT");
            }
        }
        LimitsChecker.Violation badId = LimitsChecker.checkIdVariables(op, vars);
        if (badId != null) return Rejected.requestError(badId.message(), badId.code());
        LimitsChecker.Violation pageSize = LimitsChecker.checkPageVariables(op, parsed.pageVariables(), vars, limits);
        if (pageSize != null) return Rejected.requestError(pageSize.message(), pageSize.code());

        Map<String, Object> values = withDefaults(op, vars);
        OperationKey key = new OperationKey(text, req.operationName(), normalizationValues(parsed, values));
        OperationDefinition selected = op;
        NormalizedOperation nop = cacheable
                ? operations.get(key, k -> Normalizer.normalize(sg, parsed.document(), selected, values))
                : Normalizer.normalize(sg, parsed.document(), selected, values);

        List<OperationCheck.Removal> removals = List.of();
        Map<String, Object> responseExtensions = Map.of();
        if (!extensions.checks().isEmpty()) {
            OperationCheck.Context ctx = new OperationCheck.Context(req, nop, values, sg);
            for (OperationCheck check : extensions.checks()) {
                switch (check.check(ctx)) {
                    case Rejected r -> {
                        return r;
                    }
                    case OperationCheck.Accepted a -> {
                        if (!a.removals().isEmpty()) {
                            if (removals.isEmpty()) removals = new ArrayList<>();
                            removals.addAll(a.removals());
                        }
                        if (!a.responseExtensions().isEmpty()) {
                            if (responseExtensions.isEmpty()) responseExtensions = new LinkedHashMap<>();
                            responseExtensions.putAll(a.responseExtensions());
                        }
                    }
                }
            }
        }
        Set<FieldPath> removed = new TreeSet<>();
        for (OperationCheck.Removal r : removals) removed.add(r.path());
        Set<String> labels = overrides.draw();
        PlanKey planKey = new PlanKey(key, removed.isEmpty() ? "" : removed.toString(), labels);
        QueryPlan plan = plans.getIfPresent(planKey);
        observation.planCache(plan != null);
        if (plan == null) {
            plan = planner.plan(FieldRemoval.apply(nop, removed), labels);
            if (cacheable) plans.put(planKey, plan);
        }
        return new Prepared(plan, values, req, text, removalErrors(nop, removals), responseExtensions);
    }

    private static String kind(OperationDefinition op) {
        return switch (op.getOperation()) {
            case MUTATION -> "mutation";
            case SUBSCRIPTION -> "subscription";
            default -> "query";
        };
    }

    private static String normalizationValues(ParsedDocument parsed, Map<String, Object> vars) {
        if (parsed.normalizationVariables().isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        for (String v : parsed.normalizationVariables()) sb.append(v).append('=').append(vars.get(v)).append('\u0000');
        return sb.toString();
    }

    /**
     * The variables with the operation's defaults filled in for those the request omits, so that conditions
     * ({@code @skip}/{@code @include}, Condition nodes) see the value the operation means. Subgraphs get the same.
     */
    private static Map<String, Object> withDefaults(OperationDefinition op, Map<String, Object> vars) {
        Map<String, Object> out = null;
        for (var vd : op.getVariableDefinitions()) {
            if (vd.getDefaultValue() == null || vars.containsKey(vd.getName())) continue;
            if (out == null) out = new LinkedHashMap<>(vars);
            out.put(vd.getName(), ValueLiterals.toJson(vd.getDefaultValue()));
        }
        return out == null ? vars : out;
    }

    /** One error per removal, at the removed field's response path ({@code "@"} for list indexes). */
    private static List<Map<String, Object>> removalErrors(NormalizedOperation op, List<OperationCheck.Removal> removals) {
        if (removals.isEmpty()) return List.of();
        Map<FieldPath, List<Object>> paths = new HashMap<>();
        Set<FieldPath> wanted = new HashSet<>();
        for (OperationCheck.Removal r : removals) wanted.add(r.path());
        op.forEachField((path, responsePath, parent, field) -> {
            if (wanted.contains(path)) {
                // the error points at the field itself, not into its list items
                List<Object> p = new ArrayList<>(responsePath);
                int depth = field.type() == null ? 0 : field.type().listDepth();
                paths.put(path, List.copyOf(p.subList(0, p.size() - depth)));
                return false;
            }
            return true;
        });
        List<Map<String, Object>> errors = new ArrayList<>(removals.size());
        Set<FieldPath> seen = new HashSet<>();
        for (OperationCheck.Removal r : removals) {
            if (!seen.add(r.path())) continue;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", r.message());
            List<Object> p = paths.get(r.path());
            if (p != null) e.put("path", p);
            e.put("extensions", Map.of("code", r.code()));
            errors.add(e);
        }
        return errors;
    }

    /** Number of entries in the document, operation and plan caches (for tests and diagnostics). */
    long[] cacheSizes() {
        return new long[]{documents.size(), operations.size(), plans.size()};
    }
}
