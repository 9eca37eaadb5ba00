package com.shopbff.router.pipeline;

/**
 * Extension point: finds the document text of a request before it is parsed. The default
 * ({@link #QUERY_TEXT}) takes the request's {@code query}; a persisted-query resolver (APQ
 * {@code extensions.persistedQuery}) or a trusted-documents resolver ({@code documentId}) looks the text up by
 * hash or id, and may refuse (e.g. {@code PERSISTED_QUERY_NOT_FOUND}). Called on the request's thread (an
 * event loop): it must not block.
 */
@FunctionalInterface
public interface DocumentResolver {
    /** The document text, or why there is none. */
    Resolution resolve(GraphQLRequest request);

    /** The outcome: {@link Found} or {@link Rejected}. */
    sealed interface Resolution permits Found, Rejected {
    }

    /** The document text to parse (the parsed document is cached by this text). */
    record Found(String text) implements Resolution {
        public Found {
            if (text == null) throw new IllegalArgumentException("text is required");
        }
    }

    /**
     * The request's query text. Requests without one are refused: with an APQ {@code persistedQuery} extension
     * {@code PERSISTED_QUERY_NOT_SUPPORTED} (Apollo clients then send the text), with a {@code documentId}
     * likewise, otherwise {@code BAD_REQUEST}.
     */
    DocumentResolver QUERY_TEXT = request -> {
        String q = request.query();
        if (q != null && !q.isBlank()) return new Found(q);
        if (q == null && request.extensions().containsKey("persistedQuery")) {
            return Rejected.requestError("Persisted queries are not supported; send the query text.",
                    "PERSISTED_QUERY_NOT_SUPPORTED");
        }
        if (q == null && request.documentId() != null) {
            return Rejected.requestError("Stored documents (documentId) are not supported; send the query text.",
                    "PERSISTED_QUERY_NOT_SUPPORTED");
        }
        return Rejected.transport(400, "Must provide query string.", "BAD_REQUEST");
    };
}
