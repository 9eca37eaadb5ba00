package com.shopbff.router.pipeline;

import com.shopbff.router.limits.Limits;
import com.shopbff.router.limits.LimitsChecker;
import com.shopbff.router.operation.Normalizer;
import com.shopbff.router.supergraph.Supergraph;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

import java.util.*;

/**
 * Document text to a validated {@link ParsedDocument}: graphql-java's parser under the token limits, the
 * document limits ({@link LimitsChecker}, before validation so that bombs never reach it), then validation
 * against the API schema.
 */
final class DocumentParser {
    private final Supergraph sg;
    private final Limits limits;

    DocumentParser(Supergraph sg, Limits limits) {
        this.sg = sg;
        this.limits = limits;
    }

    ParsedDocument parse(String query) {
        Document doc;
        try {
            doc = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(LimitsChecker.parserOptions(limits)).build());
        } catch (ParseCancelledException e) {
            return violation(LimitsChecker.parseCancelled(e.getMessage()));
        } catch (InvalidSyntaxException e) {
            if (e.getMessage() != null && e.getMessage().contains("To prevent Denial Of Service attacks")) {
                return violation(LimitsChecker.parseCancelled(e.getMessage()));
            }
            Map<String, Object> err = Rejected.error(e.getMessage(), "GRAPHQL_PARSE_FAILED");
            if (e.getLocation() != null) {
                err = withLocations(err, List.of(Map.of("line", e.getLocation().getLine(),
                        "column", e.getLocation().getColumn())));
            }
            return ParsedDocument.refused(new Rejected(400, true, List.of(err), Map.of()));
        } catch (RuntimeException | StackOverflowError e) {
            return ParsedDocument.refused(Rejected.requestError("Syntax error: " + e.getMessage(), "GRAPHQL_PARSE_FAILED"));
        }
        for (Definition<?> d : doc.getDefinitions()) {
            if (!(d instanceof OperationDefinition) && !(d instanceof FragmentDefinition)) {
                return ParsedDocument.refused(Rejected.requestError(
                        "The document must contain only operations and fragments.", "GRAPHQL_VALIDATION_FAILED"));
            }
        }
        LimitsChecker.Violation violation = LimitsChecker.check(doc, limits);
        if (violation != null) return violation(violation);
        List<ValidationError> errors = new Validator().validateDocument(sg.apiSchema(), doc, Locale.ENGLISH);
        if (!errors.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (ValidationError ve : errors) {
                Map<String, Object> e = Rejected.error(ve.getMessage(), "GRAPHQL_VALIDATION_FAILED");
                if (ve.getLocations() != null && !ve.getLocations().isEmpty()) {
                    List<Object> locs = new ArrayList<>();
                    for (var l : ve.getLocations()) locs.add(Map.of("line", l.getLine(), "column", l.getColumn()));
                    e = withLocations(e, locs);
                }
                list.add(e);
            }
            return ParsedDocument.refused(new Rejected(400, true, list, Map.of()));
        }
        return new ParsedDocument(doc, null, Normalizer.normalizationVariables(doc), LimitsChecker.pageSizeVariables(doc));
    }

    private static ParsedDocument violation(LimitsChecker.Violation v) {
        return ParsedDocument.refused(Rejected.requestError(v.message(), v.code()));
    }

    /** The error with {@code locations} placed before {@code extensions}. */
    private static Map<String, Object> withLocations(Map<String, Object> e, List<Object> locations) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", e.get("message"));
        out.put("locations", locations);
        out.put("extensions", e.get("extensions"));
        return out;
    }
}
