package com.shopbff.router.support;

import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.operation.Normalizer;
import com.shopbff.router.plan.Planner;
import com.shopbff.router.plan.QueryPlan;
import com.shopbff.router.supergraph.Supergraph;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Loads test supergraphs and prints plans for snapshot assertions. */
public final class PlanSupport {
    private final Supergraph supergraph;
    private final Planner planner;

    private PlanSupport(Supergraph sg) {
        this.supergraph = sg;
        this.planner = new Planner(sg);
    }

    public static PlanSupport load(String resourceName) {
        return new PlanSupport(Supergraph.parse(resource("/supergraphs/" + resourceName)));
    }

    public static String resource(String path) {
        try (InputStream in = PlanSupport.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Supergraph supergraph() {
        return supergraph;
    }

    public String plan(String query) {
        return plan(query, Map.of());
    }

    /** Validates and normalises a test query. */
    public NormalizedOperation normalize(String query) {
        Document doc = Parser.parse(query);
        List<ValidationError> errors = new Validator().validateDocument(supergraph.apiSchema(), doc, Locale.ENGLISH);
        if (!errors.isEmpty()) throw new AssertionError("invalid test query: " + errors);
        OperationDefinition op = null;
        for (Definition<?> d : doc.getDefinitions()) if (d instanceof OperationDefinition o && op == null) op = o;
        return Normalizer.normalize(supergraph, doc, op, Map.of());
    }

    /** The printed plan with these progressive-override labels active. */
    public String planWithLabels(String query, java.util.Set<String> activeLabels) {
        return planner.plan(normalize(query), activeLabels).print();
    }

    /** Validates the query against the API schema (a test query must be valid), normalises, plans, prints. */
    public String plan(String query, Map<String, Object> variables) {
        Document doc = Parser.parse(query);
        List<ValidationError> errors = new Validator().validateDocument(supergraph.apiSchema(), doc, Locale.ENGLISH);
        if (!errors.isEmpty()) throw new AssertionError("invalid test query: " + errors);
        OperationDefinition op = null;
        for (Definition<?> d : doc.getDefinitions()) if (d instanceof OperationDefinition o && op == null) op = o;
        NormalizedOperation nop = Normalizer.normalize(supergraph, doc, op, variables);
        QueryPlan plan = planner.plan(nop);
        return plan.print();
    }
}
