package com.shopbff.router.pipeline;

import io.vertx.core.buffer.Buffer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response: either a body tree or the body already serialised ({@link #encoded()}, the fast path of a
 * response without errors), and how the transport should answer.
 *
 * @param body                the response body ({@code errors}, {@code data}, {@code extensions}); null when
 *                            {@code encoded} is set
 * @param encoded             the serialised body, or null
 * @param status              0 for an executed operation (HTTP 200); else the HTTP status of a refused request
 *                            (400, 401, 405, 413, ...) under {@code application/graphql-response+json}
 * @param graphQLRequestError whether the refusal is a GraphQL request error (parse, validation, variables, limits,
 *                            checks): GraphQL-over-HTTP answers those with 200 under {@code application/json}
 * @param incremental         for an incremental response ({@code @defer}, when the client accepts
 *                            {@code multipart/mixed}): the subsequent payloads; {@code body} is the initial one
 */
public record GraphQLResponse(Map<String, Object> body, Buffer encoded, int status, boolean graphQLRequestError,
                              IncrementalDelivery incremental) {
    public GraphQLResponse(Map<String, Object> body, Buffer encoded, int status, boolean graphQLRequestError) {
        this(body, encoded, status, graphQLRequestError, null);
    }

    /** The initial payload of an incremental response and the rest. */
    public static GraphQLResponse incremental(Map<String, Object> initial, IncrementalDelivery rest) {
        return new GraphQLResponse(initial, null, 0, false, rest);
    }

    /** An executed operation's response body. */
    public static GraphQLResponse of(Map<String, Object> body) {
        return new GraphQLResponse(body, null, 0, false);
    }

    /** An executed operation's response, already serialised. */
    public static GraphQLResponse encoded(Buffer json) {
        return new GraphQLResponse(null, json, 0, false);
    }

    /** A refused request's response. */
    public static GraphQLResponse of(Rejected r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", r.errors());
        if (!r.extensions().isEmpty()) body.put("extensions", r.extensions());
        return new GraphQLResponse(body, null, r.status(), r.graphQLRequestError());
    }

    public boolean isRequestError() {
        return status != 0;
    }

    /** The HTTP status to answer with, given whether the client accepts {@code application/graphql-response+json}. */
    public int httpStatus(boolean graphqlResponseMediaType) {
        if (status == 0) return 200;
        if (!graphqlResponseMediaType && graphQLRequestError) return 200;
        return status;
    }

    /** The errors of the body, or an empty list (and for an encoded response). */
    public List<?> errors() {
        return body != null && body.get("errors") instanceof List<?> l ? l : List.of();
    }
}
