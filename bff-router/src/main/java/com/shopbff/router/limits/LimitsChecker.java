package com.shopbff.router.limits;

import graphql.language.*;
import graphql.parser.ParserOptions;

import java.math.BigInteger;
import java.util.*;

/**
 * Checks documents and variables against {@link Limits}. Runs on the parsed document before validation, so it
 * must be safe on invalid documents too: fragment cycles count as empty (validation rejects them afterwards),
 * every fragment is walked once (memoised), so fan-out bombs cost linear time here.
 */
public final class LimitsChecker {
    /** Error codes of limit violations (GraphQL request errors: 400 for graphql-response+json, 200 for json). */
    public static final String MAX_DEPTH = "MAX_DEPTH_EXCEEDED";
    public static final String MAX_ALIASES = "MAX_ALIASES_EXCEEDED";
    public static final String MAX_ROOT_FIELDS = "MAX_ROOT_FIELDS_EXCEEDED";
    public static final String MAX_TOKENS = "MAX_TOKENS_EXCEEDED";
    public static final String MAX_FIELDS = "MAX_FIELDS_EXCEEDED";
    public static final String MAX_INTROSPECTION_DEPTH = "MAX_INTROSPECTION_DEPTH_EXCEEDED";
    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    public static final Set<String> CODES = Set.of(MAX_DEPTH, MAX_ALIASES, MAX_ROOT_FIELDS, MAX_TOKENS, MAX_FIELDS,
            MAX_INTROSPECTION_DEPTH);

    private static final Set<String> INTROSPECTION_LISTS = Set.of("types", "fields", "args", "inputFields",
            "interfaces", "possibleTypes", "enumValues", "directives");
    private static final Set<String> PAGE_ARGS = Set.of("first", "last");
    /**
     * Fragment spreads nested deeper than this are refused whatever the limits: it bounds the recursion here, and
     * graphql-java's validation gets slow on long spread chains. Real documents nest fragments a handful deep.
     */
    static final int MAX_SPREAD_NESTING = 100;

    private LimitsChecker() {
    }

    /** A refused request: an {@code extensions.code} and a message for the client. */
    public record Violation(String code, String message) {
    }

    /** Parser options enforcing the token limits and the fixed nesting cap. */
    public static ParserOptions parserOptions(Limits l) {
        return ParserOptions.newParserOptions()
                .maxTokens(l.maxTokens() == 0 ? Integer.MAX_VALUE : l.maxTokens())
                .maxWhitespaceTokens(l.maxWhitespaceTokens() == 0 ? Integer.MAX_VALUE : l.maxWhitespaceTokens())
                .maxCharacters(l.maxBodyBytes() == 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, l.maxBodyBytes()))
                .maxRuleDepth(Limits.PARSER_RULE_DEPTH)
                .captureIgnoredChars(false).captureLineComments(false)
                .build();
    }

    /** Classifies graphql-java's "parsing has been cancelled" message (token, character and nesting caps). */
    public static Violation parseCancelled(String message) {
        String m = message == null ? "" : message;
        if (m.contains(" deep ")) {
            return new Violation(MAX_DEPTH, "The document is nested too deeply to parse. " + m);
        }
        if (m.contains("tokens")) return new Violation(MAX_TOKENS, m);
        return new Violation("GRAPHQL_PARSE_FAILED", m);
    }

    private record Stats(int depth, int intro, int introSeen, long fields, int roots) {
        static final Stats ZERO = new Stats(0, 0, 0, 0, 0);
    }

    /** Checks every operation of a document (fragments expanded); returns the first violation or null. */
    public static Violation check(Document doc, Limits limits) {
        Map<String, FragmentDefinition> frags = new HashMap<>();
        for (Definition<?> d : doc.getDefinitions()) if (d instanceof FragmentDefinition f) frags.putIfAbsent(f.getName(), f);
        // textual pass: aliases and literal page sizes, each definition once
        int[] aliases = {0};
        Violation[] page = {null};
        for (Definition<?> d : doc.getDefinitions()) {
            SelectionSet ss = d instanceof OperationDefinition o ? o.getSelectionSet()
                    : d instanceof FragmentDefinition f ? f.getSelectionSet() : null;
            textual(ss, aliases, page, limits);
        }
        if (limits.maxAliases() > 0 && aliases[0] > limits.maxAliases()) {
            return new Violation(MAX_ALIASES, "The document uses " + aliases[0] + " aliases, more than the limit of "
                    + limits.maxAliases() + ".");
        }
        Walker w = new Walker(frags);
        for (Definition<?> d : doc.getDefinitions()) {
            if (!(d instanceof OperationDefinition op)) continue;
            Stats s = w.selectionSet(op.getSelectionSet(), 0);
            if (limits.maxDepth() > 0 && s.depth > limits.maxDepth()) {
                return new Violation(MAX_DEPTH, "The operation is nested " + s.depth
                        + " fields deep, more than the limit of " + limits.maxDepth() + ".");
            }
            if (limits.maxRootFields() > 0 && s.roots > limits.maxRootFields()) {
                return new Violation(MAX_ROOT_FIELDS, "The operation selects " + s.roots
                        + " root fields, more than the limit of " + limits.maxRootFields() + ".");
            }
            if (limits.maxFields() > 0 && s.fields > limits.maxFields()) {
                return new Violation(MAX_FIELDS, "The operation selects " + (s.fields == Long.MAX_VALUE ? "too many"
                        : String.valueOf(s.fields)) + " fields with its fragments expanded, more than the limit of "
                        + limits.maxFields() + ".");
            }
            if (limits.maxIntrospectionDepth() > 0 && s.introSeen > limits.maxIntrospectionDepth()) {
                return new Violation(MAX_INTROSPECTION_DEPTH, "The introspection query nests " + s.introSeen
                        + " list fields (types, fields, args, ...), more than the limit of "
                        + limits.maxIntrospectionDepth() + ".");
            }
        }
        // unused fragments too: a cycle among them would cost graphql-java's validation seconds
        for (String name : frags.keySet()) w.fragment(name, 1);
        if (w.tooDeep) {
            return new Violation(MAX_DEPTH, "Fragment spreads are nested more than " + MAX_SPREAD_NESTING + " deep.");
        }
        if (w.cycle != null) {
            return new Violation("GRAPHQL_VALIDATION_FAILED", "Fragment cycles are not allowed: fragment '" + w.cycle
                    + "' spreads itself.");
        }
        return page[0];
    }

    private static void textual(SelectionSet ss, int[] aliases, Violation[] page, Limits limits) {
        if (ss == null) return;
        for (Selection<?> s : ss.getSelections()) {
            if (s instanceof Field f) {
                if (f.getAlias() != null) aliases[0]++;
                if (limits.maxPageSize() > 0 && page[0] == null) {
                    for (Argument a : f.getArguments()) {
                        if (PAGE_ARGS.contains(a.getName()) && a.getValue() instanceof IntValue iv
                                && iv.getValue().compareTo(BigInteger.valueOf(limits.maxPageSize())) > 0) {
                            page[0] = pageViolation(f.getName(), a.getName(), iv.getValue().toString(), limits);
                        }
                    }
                }
                textual(f.getSelectionSet(), aliases, page, limits);
            } else if (s instanceof InlineFragment i) {
                textual(i.getSelectionSet(), aliases, page, limits);
            }
        }
    }

    private static Violation pageViolation(String field, String arg, String value, Limits limits) {
        return new Violation(BAD_USER_INPUT, "Argument '" + arg + "' of field '" + field + "' is " + value
                + ", more than the maximum page size of " + limits.maxPageSize() + ".");
    }

    private static final class Walker {
        final Map<String, FragmentDefinition> frags;
        final Map<String, Stats> memo = new HashMap<>();
        final Set<String> inProgress = new HashSet<>();
        boolean tooDeep;
        String cycle;

        Walker(Map<String, FragmentDefinition> frags) {
            this.frags = frags;
        }

        Stats selectionSet(SelectionSet ss, int spreads) {
            if (ss == null) return Stats.ZERO;
            int depth = 0, intro = 0, introSeen = 0, roots = 0;
            long fields = 0;
            for (Selection<?> sel : ss.getSelections()) {
                Stats c;
                if (sel instanceof Field f) {
                    c = selectionSet(f.getSelectionSet(), spreads);
                    depth = Math.max(depth, 1 + c.depth);
                    int chain = c.intro + (INTROSPECTION_LISTS.contains(f.getName()) ? 1 : 0);
                    intro = Math.max(intro, chain);
                    introSeen = Math.max(introSeen, c.introSeen);
                    if (f.getName().equals("__schema") || f.getName().equals("__type")) {
                        introSeen = Math.max(introSeen, c.intro);
                    }
                    fields = add(add(fields, 1), c.fields);
                    roots++;
                    continue;
                } else if (sel instanceof InlineFragment i) {
                    c = selectionSet(i.getSelectionSet(), spreads);
                } else if (sel instanceof FragmentSpread fs) {
                    c = fragment(fs.getName(), spreads + 1);
                } else {
                    continue;
                }
                depth = Math.max(depth, c.depth);
                intro = Math.max(intro, c.intro);
                introSeen = Math.max(introSeen, c.introSeen);
                fields = add(fields, c.fields);
                roots = (int) Math.min(Integer.MAX_VALUE, (long) roots + c.roots);
            }
            return new Stats(depth, intro, introSeen, fields, roots);
        }

        Stats fragment(String name, int spreads) {
            Stats s = memo.get(name);
            if (s != null) return s;
            FragmentDefinition fd = frags.get(name);
            if (fd == null || spreads > MAX_SPREAD_NESTING) {
                if (fd != null) tooDeep = true;
                return Stats.ZERO; // unknown fragment: validation reports it
            }
            if (!inProgress.add(name)) {
                if (cycle == null) cycle = name;
                return Stats.ZERO;
            }
            s = selectionSet(fd.getSelectionSet(), spreads);
            inProgress.remove(name);
            memo.put(name, s);
            return s;
        }

        private static long add(long a, long b) {
            long r = a + b;
            return r < 0 ? Long.MAX_VALUE : r;
        }
    }

    /** Names of variables passed to a {@code first}/{@code last} argument anywhere in the document. */
    public static Set<String> pageSizeVariables(Document doc) {
        Set<String> out = new HashSet<>();
        for (Definition<?> d : doc.getDefinitions()) {
            SelectionSet ss = d instanceof OperationDefinition o ? o.getSelectionSet()
                    : d instanceof FragmentDefinition f ? f.getSelectionSet() : null;
            pageVars(ss, out);
        }
        return out.isEmpty() ? Set.of() : out;
    }

    private static void pageVars(SelectionSet ss, Set<String> out) {
        if (ss == null) return;
        for (Selection<?> s : ss.getSelections()) {
            if (s instanceof Field f) {
                for (Argument a : f.getArguments()) {
                    if (PAGE_ARGS.contains(a.getName()) && a.getValue() instanceof VariableReference v) out.add(v.getName());
                }
                pageVars(f.getSelectionSet(), out);
            } else if (s instanceof InlineFragment i) {
                pageVars(i.getSelectionSet(), out);
            }
        }
    }

    /**
     * Checks the values of page-size variables of the selected operation (given, or their default); null when fine.
     */
    public static Violation checkPageVariables(OperationDefinition op, Set<String> pageVars, Map<String, Object> vars,
                                               Limits limits) {
        if (limits.maxPageSize() == 0 || pageVars.isEmpty()) return null;
        for (VariableDefinition vd : op.getVariableDefinitions()) {
            if (!pageVars.contains(vd.getName())) continue;
            Object v = vars.containsKey(vd.getName()) ? vars.get(vd.getName())
                    : vd.getDefaultValue() instanceof IntValue iv ? iv.getValue() : null;
            if (v instanceof Number n && above(n, limits.maxPageSize())) {
                return new Violation(BAD_USER_INPUT, "Variable '$" + vd.getName() + "' is " + n
                        + ", more than the maximum page size of " + limits.maxPageSize() + " (it is used as 'first'/'last').");
            }
        }
        return null;
    }

    private static boolean above(Number n, int max) {
        if (n instanceof Double || n instanceof Float) return !(n.doubleValue() <= max); // NaN counts as above
        try {
            return new java.math.BigDecimal(n.toString()).compareTo(java.math.BigDecimal.valueOf(max)) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * ID variables take a string or an integer only (GraphQL spec, ID input coercion); graphql-java's coercion
     * would stringify objects, lists, booleans and floats. Returns a violation or null.
     */
    public static Violation checkIdVariables(OperationDefinition op, Map<String, Object> vars) {
        for (VariableDefinition vd : op.getVariableDefinitions()) {
            if (!vars.containsKey(vd.getName())) continue;
            if (!idValueOk(vd.getType(), vars.get(vd.getName()))) {
                return new Violation(BAD_USER_INPUT, "Variable '$" + vd.getName()
                        + "' has an invalid value: an ID is a string or an integer.");
            }
        }
        return null;
    }

    private static boolean idValueOk(Type<?> type, Object value) {
        if (value == null) return true; // nullability is the coercion's business
        if (type instanceof NonNullType nn) return idValueOk(nn.getType(), value);
        if (type instanceof ListType lt) {
            if (value instanceof List<?> l) {
                for (Object o : l) if (!idValueOk(lt.getType(), o)) return false;
                return true;
            }
            return idValueOk(lt.getType(), value); // a single value coerces to a list of one
        }
        if (type instanceof TypeName tn && tn.getName().equals("ID")) {
            return value instanceof String || value instanceof Integer || value instanceof Long || value instanceof BigInteger;
        }
        return true;
    }
}
