package com.shopbff.router.execution;

import com.shopbff.router.json.JsonMerge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The merged data tree of one execution: subgraph results merged in place (a value already there and one arriving
 * for the same key are merged field by field), and the response-shape aliases the planner added taken back out.
 */
public final class DataTree {
    private DataTree() {
    }

    /** Renames {@code key__alias_N} entries (added by the planner to avoid response-shape conflicts) back. */
    @SuppressWarnings("unchecked")
    public static void unalias(Object v) {
        if (v instanceof List<?> l) {
            for (Object o : l) unalias(o);
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            List<String> aliased = null;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                unalias(e.getValue());
                if (e.getKey().contains("__alias_")) {
                    if (aliased == null) aliased = new ArrayList<>();
                    aliased.add(e.getKey());
                }
            }
            if (aliased != null) {
                for (String k : aliased) {
                    Object val = map.remove(k);
                    map.putIfAbsent(k.substring(0, k.lastIndexOf("__alias_")), val);
                }
            }
        }
    }

    /** Deep merge of a subgraph result into the tree ({@link JsonMerge}'s rules). */
    public static void merge(Map<String, Object> dst, Map<String, Object> src) {
        JsonMerge.merge(dst, src);
    }
}
