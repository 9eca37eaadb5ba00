package com.shopbff.router.pipeline;

import com.shopbff.router.operation.FieldPath;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.supergraph.Supergraph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extension point: a check on the validated, normalised operation before it is planned (cost limits,
 * authorization directives). It may refuse the request ({@link Rejected}, e.g. {@code extensions.code}
 * {@code COST_ESTIMATED_TOO_EXPENSIVE}), remove fields the caller may not see, and add response extensions.
 * <p>
 * A removed field keeps its key in the response with the value null (a null in a non-null position propagates
 * as usual), is never fetched, and the response carries the removal's error at the field's path
 * ({@code "@"} standing for list indexes). The set of removed paths is part of the plan-cache key, so callers who
 * see different fields get different plans. Checks run on every request on the event loop: keep them cheap and
 * non-blocking (cache per operation what does not depend on the caller).
 */
@FunctionalInterface
public interface OperationCheck {
    Outcome check(Context context);

    /**
     * What a check sees.
     *
     * @param request    the request (its {@link GraphQLRequest#claims()} are the caller's verified token claims)
     * @param operation  the normalised operation (walk it with {@link NormalizedOperation#forEachField})
     * @param variables  the request's variable values
     * @param supergraph the supergraph (types, fields, their directives)
     */
    record Context(GraphQLRequest request, NormalizedOperation operation, Map<String, Object> variables,
                   Supergraph supergraph) {
    }

    /** {@link Accepted} or {@link Rejected}. */
    sealed interface Outcome permits Accepted, Rejected {
    }

    /**
     * The operation may run.
     *
     * @param removals           fields to remove, each with the error the response carries for it
     * @param responseExtensions entries to add to the response's {@code extensions}
     */
    record Accepted(List<Removal> removals, Map<String, Object> responseExtensions) implements Outcome {
        public static final Accepted AS_IS = new Accepted(List.of(), Map.of());

        public Accepted {
            removals = List.copyOf(removals);
            responseExtensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(responseExtensions));
        }

        public static Accepted withExtensions(Map<String, Object> responseExtensions) {
            return new Accepted(List.of(), responseExtensions);
        }
    }

    /**
     * A field to remove and the error the response carries at its path.
     *
     * @param path    the field ({@link NormalizedOperation.FieldVisitor} hands it out)
     * @param message the error message, e.g. "Unauthorized field or type"
     * @param code    the error's {@code extensions.code}, e.g. {@code UNAUTHORIZED_FIELD_OR_TYPE}
     */
    record Removal(FieldPath path, String message, String code) {
    }
}
