package com.shopbff.router.pipeline;

import com.shopbff.router.plan.QueryPlan;

import java.util.List;
import java.util.Map;

/**
 * An operation ready to execute.
 *
 * @param plan               the plan (cached; shared between requests); {@code plan.operation()} is the
 *                           normalised operation, with fields removed by checks marked
 * @param variables          the request's variable values
 * @param request            the request
 * @param document           the document text (the request's query, or the stored document it named)
 * @param initialErrors      errors known before execution (one per field removed by a check); they lead the
 *                           response's errors
 * @param responseExtensions entries for the response's {@code extensions} (from checks, e.g. an estimated cost)
 */
public record Prepared(QueryPlan plan, Map<String, Object> variables, GraphQLRequest request, String document,
                       List<Map<String, Object>> initialErrors, Map<String, Object> responseExtensions)
        implements Preparation {
    public Prepared {
        initialErrors = List.copyOf(initialErrors);
        responseExtensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(responseExtensions));
    }

    /** The operation type: query, mutation or subscription. */
    public String operationKind() {
        return plan.operation().kind();
    }
}
