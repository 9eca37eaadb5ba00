package com.shopbff.router.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refused request: GraphQL errors (each with an {@code extensions.code}) and how the transport answers it.
 *
 * @param status              HTTP status under {@code application/graphql-response+json} (400, 401, 405, 413, ...)
 * @param graphQLRequestError whether this is a GraphQL request error (the document or the variables are at fault):
 *                            answered 200 under {@code application/json}, as GraphQL-over-HTTP says
 * @param errors              the errors, in order
 * @param extensions          response {@code extensions} (may be empty)
 */
public record Rejected(int status, boolean graphQLRequestError, List<Map<String, Object>> errors,
                       Map<String, Object> extensions) implements Preparation, DocumentResolver.Resolution,
        OperationCheck.Outcome {
    /** Error messages echo client input (tokens, values): they are cut to this length. */
    public static final int MAX_MESSAGE_CHARS = 500;

    public Rejected {
        if (status < 400 || status > 599) throw new IllegalArgumentException("not an error status: " + status);
        errors = List.copyOf(errors);
        extensions = extensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** A GraphQL request error (400; 200 under application/json) with one error. */
    public static Rejected requestError(String message, String code) {
        return new Rejected(400, true, List.of(error(message, code)), Map.of());
    }

    /** A refusal at the transport level (its status whatever the media type) with one error. */
    public static Rejected transport(int status, String message, String code) {
        return new Rejected(status, false, List.of(error(message, code)), Map.of());
    }

    /** One GraphQL error map: message (cut to {@link #MAX_MESSAGE_CHARS}) and {@code extensions.code}. */
    public static Map<String, Object> error(String message, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", cut(message));
        e.put("extensions", Map.of("code", code));
        return e;
    }

    static String cut(String message) {
        if (message == null) return "Invalid request.";
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
