package com.shopbff.router.pipeline;

import java.util.Map;

/**
 * One GraphQL request as a transport (HTTP, WebSocket) hands it to the {@link OperationPipeline}.
 *
 * @param query          the document text; null when the request names a stored document instead (see
 *                       {@link DocumentResolver})
 * @param operationName  the operation to run (null: the only one)
 * @param variables      raw variable values (null: none)
 * @param extensions     the request's {@code extensions} object (e.g. {@code persistedQuery}); never null
 * @param documentId     a stored (trusted) document's id from the body's {@code documentId} (or {@code id}); null
 *                       when absent
 * @param headers        headers forwarded to subgraphs (lower-case names); never null
 * @param get            whether it came as HTTP GET (only queries may)
 * @param claims         the caller's verified access-token claims (empty for anonymous callers, or when the router
 *                       validates no tokens); never null
 */
public record GraphQLRequest(String query, String operationName, Map<String, Object> variables,
                             Map<String, Object> extensions, String documentId, Map<String, String> headers,
                             boolean get, Map<String, Object> claims) {
    public GraphQLRequest {
        extensions = extensions == null ? Map.of() : extensions;
        headers = headers == null ? Map.of() : headers;
        claims = claims == null ? Map.of() : claims;
    }

    /** A request of query text only (in-process use, tests). */
    public static GraphQLRequest of(String query, Map<String, Object> variables) {
        return new GraphQLRequest(query, null, variables, null, null, null, false, null);
    }

    public GraphQLRequest withQuery(String text) {
        return new GraphQLRequest(text, operationName, variables, extensions, documentId, headers, get, claims);
    }
}
