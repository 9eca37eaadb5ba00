package com.shopbff.router.pipeline;

import graphql.language.Document;

import java.util.Set;

/**
 * A parsed and validated document, or why it is refused; cached by its text.
 *
 * @param document           the document (null when refused)
 * @param rejected           the refusal (null when valid)
 * @param normalizationVariables variables whose values select a normalisation ({@code @defer(if: $v)})
 * @param pageVariables      variables used as {@code first}/{@code last} arguments (checked per request)
 */
record ParsedDocument(Document document, Rejected rejected, Set<String> normalizationVariables,
                      Set<String> pageVariables) {
    static ParsedDocument refused(Rejected r) {
        return new ParsedDocument(null, r, Set.of(), Set.of());
    }
}
