package com.shopbff.router.limits;

import graphql.language.*;

import java.util.HashMap;
import java.util.Map;

/** Checks a parsed document against {@link Limits}; returns an error message or null. */
public final class LimitsChecker {
    private LimitsChecker() {
    }

    public static String check(Document doc, Limits limits) {
        if (limits.maxDepth() == 0 && limits.maxAliases() == 0) return null;
        Map<String, FragmentDefinition> frags = new HashMap<>();
        for (Definition<?> d : doc.getDefinitions()) if (d instanceof FragmentDefinition f) frags.put(f.getName(), f);
        int[] aliases = {0};
        int depth = 0;
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof OperationDefinition op) depth = Math.max(depth, depth(op.getSelectionSet(), frags, aliases, 0));
        }
        if (limits.maxDepth() > 0 && depth > limits.maxDepth()) {
            return "Query depth " + depth + " exceeds the limit of " + limits.maxDepth();
        }
        if (limits.maxAliases() > 0 && aliases[0] > limits.maxAliases()) {
            return "Query uses " + aliases[0] + " aliases, more than the limit of " + limits.maxAliases();
        }
        return null;
    }

    private static int depth(SelectionSet ss, Map<String, FragmentDefinition> frags, int[] aliases, int guard) {
        if (ss == null || guard > 64) return 0;
        int max = 0;
        for (Selection<?> s : ss.getSelections()) {
            if (s instanceof Field f) {
                if (f.getAlias() != null) aliases[0]++;
                max = Math.max(max, 1 + depth(f.getSelectionSet(), frags, aliases, guard + 1));
            } else if (s instanceof InlineFragment i) {
                max = Math.max(max, depth(i.getSelectionSet(), frags, aliases, guard + 1));
            } else if (s instanceof FragmentSpread fs && frags.containsKey(fs.getName())) {
                max = Math.max(max, depth(frags.get(fs.getName()).getSelectionSet(), frags, aliases, guard + 1));
            }
        }
        return max;
    }
}
