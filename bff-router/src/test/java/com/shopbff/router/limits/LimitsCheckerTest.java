package com.shopbff.router.limits;

import com.shopbff.router.support.PlanSupport;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Limit checks on parsed documents, configuration from env and flags. */
class LimitsCheckerTest {
    static Document parse(String q) {
        return Parser.parse(ParserEnvironment.newParserEnvironment().document(q)
                .parserOptions(LimitsChecker.parserOptions(Limits.DEFAULTS)).build());
    }

    static String code(String q, Limits l) {
        LimitsChecker.Violation v = LimitsChecker.check(parse(q), l);
        return v == null ? null : v.code();
    }

    @Test
    void graphiqlIntrospectionPassesTheDefaults() {
        assertNull(code(PlanSupport.resource("/hostile/admitted/graphiql-introspection.graphql"), Limits.DEFAULTS));
    }

    @Test
    void depthCountsFieldsThroughFragmentsAndInlineFragments() {
        String q = "{ a { ...F } } fragment F on T { b { ... on T { c { d } } } }";
        assertNull(code(q, new Limits(4, 0)));
        assertEquals("MAX_DEPTH_EXCEEDED", code(q, new Limits(3, 0)));
    }

    @Test
    void aliasesAreCountedInTheDocumentText() {
        String q = "{ a: x b: x { c: y } } fragment F on T { d: z }";
        assertNull(code(q, new Limits(0, 4)));
        assertEquals("MAX_ALIASES_EXCEEDED", code(q, new Limits(0, 3)));
    }

    @Test
    void rootFieldsAndExpandedFields() {
        Limits roots = new Limits(0, 0, 2, 0, 0, 0, 0, 0, 0);
        assertNull(code("{ a b }", roots));
        assertEquals("MAX_ROOT_FIELDS_EXCEEDED", code("{ a ...F } fragment F on Query { b c }", roots));
        Limits fields = new Limits(0, 0, 0, 0, 0, 0, 0, 0, 3);
        assertNull(code("{ a { b c } }", fields));
        assertEquals("MAX_FIELDS_EXCEEDED", code("{ a { ...F } b { ...F } } fragment F on T { c }", fields));
    }

    @Test
    void fragmentCyclesTerminate() {
        assertEquals("GRAPHQL_VALIDATION_FAILED", code("{ ...A } fragment A on Query { x ...B } fragment B on Query { ...A }", Limits.NONE));
        assertEquals("GRAPHQL_VALIDATION_FAILED", code("{ x } fragment A on Query { ...B } fragment B on Query { ...A }", Limits.NONE));
    }

    @Test
    void introspectionListNesting() {
        assertNull(code("{ __schema { types { fields { args { name } } } } }", Limits.DEFAULTS));
        assertEquals("MAX_INTROSPECTION_DEPTH_EXCEEDED",
                code("{ __type(name: \"A\") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }",
                        Limits.DEFAULTS));
        // not introspection: fields named like introspection lists are ordinary fields
        assertNull(code("{ shop { types { fields { args { interfaces { name } } } } } }", Limits.DEFAULTS));
    }

    @Test
    void pageSizesLiteralAndVariable() {
        assertEquals("BAD_USER_INPUT", code("{ products(first: 101) { id } }", Limits.DEFAULTS));
        assertNull(code("{ products(first: 100, last: 1) { id } }", Limits.DEFAULTS));
        Document doc = parse("query($n: Int = 500, $m: Int) { a: products(first: $n) { id } b: products(last: $m) { id } }");
        OperationDefinition op = (OperationDefinition) doc.getDefinitions().get(0);
        var vars = LimitsChecker.pageSizeVariables(doc);
        assertEquals(java.util.Set.of("n", "m"), vars);
        assertNotNull(LimitsChecker.checkPageVariables(op, vars, Map.of(), Limits.DEFAULTS), "default value 500");
        assertNull(LimitsChecker.checkPageVariables(op, vars, Map.of("n", 10, "m", 100), Limits.DEFAULTS));
        assertNotNull(LimitsChecker.checkPageVariables(op, vars, Map.of("n", 10, "m", 101), Limits.DEFAULTS));
        assertNotNull(LimitsChecker.checkPageVariables(op, vars, Map.of("n", 10, "m", Double.NaN), Limits.DEFAULTS));
    }

    @Test
    void idVariablesTakeStringsAndIntegersOnly() {
        OperationDefinition op = (OperationDefinition) parse("query($a: ID!, $b: [ID]) { x }").getDefinitions().get(0);
        assertNull(LimitsChecker.checkIdVariables(op, Map.of("a", "1", "b", java.util.List.of(1, "2"))));
        assertNotNull(LimitsChecker.checkIdVariables(op, Map.of("a", Map.of("id", 1))));
        assertNotNull(LimitsChecker.checkIdVariables(op, Map.of("a", "1", "b", java.util.List.of(true))));
        assertNotNull(LimitsChecker.checkIdVariables(op, Map.of("a", 1.5)));
    }

    @Test
    void parseCancellationsAreClassified() {
        assertEquals("MAX_DEPTH_EXCEEDED", LimitsChecker.parseCancelled("More than 500 deep 'grammar' rules have been entered.").code());
        assertEquals("MAX_TOKENS_EXCEEDED", LimitsChecker.parseCancelled("More than 15000 'grammar' tokens have been presented.").code());
        assertEquals("GRAPHQL_PARSE_FAILED", LimitsChecker.parseCancelled("More than 9 characters have been presented.").code());
    }

    @Test
    void limitsFromEnvironmentAndFlags() {
        Limits l = Limits.from(Limits.DEFAULTS, Map.of("ROUTER_MAX_DEPTH", "12", "ROUTER_MAX_PAGE_SIZE", "50"),
                Map.of("max-page-size", "20", "max-body-bytes", "0"));
        assertEquals(12, l.maxDepth());
        assertEquals(20, l.maxPageSize(), "flags win over env");
        assertEquals(0, l.maxBodyBytes());
        assertEquals(Limits.DEFAULTS.maxAliases(), l.maxAliases());
        assertThrows(IllegalArgumentException.class, () -> Limits.from(Limits.DEFAULTS, Map.of(), Map.of("max-nope", "1")));
        assertThrows(IllegalArgumentException.class, () -> Limits.from(Limits.DEFAULTS, Map.of("ROUTER_MAX_DEPTH", "-1"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Limits.from(Limits.DEFAULTS, Map.of(), Map.of("max-depth", "x")));
        assertEquals("ROUTER_MAX_INTROSPECTION_DEPTH", Limits.envName("max-introspection-depth"));
    }
}
