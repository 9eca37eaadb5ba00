package com.shopbff.router.limits;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Request limits, enforced before validation and planning (the HTTP body size on reading). Zero means unlimited.
 * The parser's nesting is always capped ({@link #PARSER_RULE_DEPTH}) whatever the limits, so that no document can
 * exhaust the stack.
 *
 * @param maxDepth              deepest field nesting (fragments expanded); default 25
 * @param maxAliases            aliases in one document; default 100
 * @param maxRootFields         root field selections of one operation (fragments expanded); default 32
 * @param maxTokens             grammar tokens the parser accepts; default 15 000 (graphql-java's default)
 * @param maxWhitespaceTokens   whitespace/comment tokens the parser accepts; default 200 000
 * @param maxBodyBytes          HTTP request body and WebSocket message size; default 2 MiB
 * @param maxPageSize           largest value of any {@code first}/{@code last} argument, literal or variable; default 100
 * @param maxIntrospectionDepth nesting of list-valued introspection fields ({@code types}, {@code fields},
 *                              {@code args}, {@code inputFields}, {@code interfaces}, {@code possibleTypes},
 *                              {@code enumValues}, {@code directives}) below {@code __schema}/{@code __type};
 *                              default 3 (GraphiQL's introspection query needs 3: types → fields → args)
 * @param maxFields             field selections of a document with every fragment spread expanded (stops
 *                              fragment fan-out bombs); default 5 000
 */
public record Limits(int maxDepth, int maxAliases, int maxRootFields, int maxTokens, int maxWhitespaceTokens,
                     long maxBodyBytes, int maxPageSize, int maxIntrospectionDepth, int maxFields) {
    /** graphql-java's ANTLR rule depth cap: about 120 levels of selection sets, far below a stack overflow. */
    public static final int PARSER_RULE_DEPTH = 500;

    /** No limits (the parser's nesting cap still applies). */
    public static final Limits NONE = new Limits(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The documented defaults. */
    public static final Limits DEFAULTS = new Limits(25, 100, 32, 15_000, 200_000, 2L * 1024 * 1024, 100, 3, 5_000);

    public Limits {
        if (maxDepth < 0 || maxAliases < 0 || maxRootFields < 0 || maxTokens < 0 || maxWhitespaceTokens < 0
                || maxBodyBytes < 0 || maxPageSize < 0 || maxIntrospectionDepth < 0 || maxFields < 0) {
            throw new IllegalArgumentException("limits must be >= 0");
        }
    }

    /** Depth and alias limits only, the rest unlimited (the original two-limit form). */
    public Limits(int maxDepth, int maxAliases) {
        this(maxDepth, maxAliases, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Names of the limits as used for CLI flags ({@code --max-depth}) and, upper-cased, env vars ({@code ROUTER_MAX_DEPTH}). */
    public static final String[] NAMES = {"max-depth", "max-aliases", "max-root-fields", "max-tokens",
            "max-whitespace-tokens", "max-body-bytes", "max-page-size", "max-introspection-depth", "max-fields"};

    /** Environment variable of a limit name: {@code max-depth} → {@code ROUTER_MAX_DEPTH}. */
    public static String envName(String name) {
        return "ROUTER_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * Limits from environment variables and flags (flags win), starting from {@code base}.
     *
     * @param env   environment ({@code ROUTER_MAX_DEPTH=...})
     * @param flags flag name without dashes to value ({@code max-depth → "20"})
     * @throws IllegalArgumentException on an unknown name or a value that is not a non-negative number
     */
    public static Limits from(Limits base, Map<String, String> env, Map<String, String> flags) {
        Map<String, Long> v = new LinkedHashMap<>();
        v.put("max-depth", (long) base.maxDepth);
        v.put("max-aliases", (long) base.maxAliases);
        v.put("max-root-fields", (long) base.maxRootFields);
        v.put("max-tokens", (long) base.maxTokens);
        v.put("max-whitespace-tokens", (long) base.maxWhitespaceTokens);
        v.put("max-body-bytes", base.maxBodyBytes);
        v.put("max-page-size", (long) base.maxPageSize);
        v.put("max-introspection-depth", (long) base.maxIntrospectionDepth);
        v.put("max-fields", (long) base.maxFields);
        for (String name : NAMES) {
            String e = env.get(envName(name));
            if (e != null && !e.isBlank()) v.put(name, number(envName(name), e, name));
        }
        for (Map.Entry<String, String> f : flags.entrySet()) {
            if (!v.containsKey(f.getKey())) throw new IllegalArgumentException("unknown limit --" + f.getKey());
            v.put(f.getKey(), number("--" + f.getKey(), f.getValue(), f.getKey()));
        }
        return new Limits(i(v, "max-depth"), i(v, "max-aliases"), i(v, "max-root-fields"), i(v, "max-tokens"),
                i(v, "max-whitespace-tokens"), v.get("max-body-bytes"), i(v, "max-page-size"),
                i(v, "max-introspection-depth"), i(v, "max-fields"));
    }

    private static int i(Map<String, Long> v, String k) {
        return (int) Math.min(Integer.MAX_VALUE, v.get(k));
    }

    private static long number(String where, String value, String name) {
        try {
            long n = Long.parseLong(value == null ? "" : value.trim());
            if (n < 0) throw new NumberFormatException();
            if (!name.equals("max-body-bytes") && n > Integer.MAX_VALUE) n = Integer.MAX_VALUE;
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a number >= 0 (0 = unlimited): " + value);
        }
    }
}
