package com.shopbff.router.execution;

import com.shopbff.router.json.JsonObject;

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

    /** Deep merge of a subgraph result into the tree. */
    @SuppressWarnings("unchecked")
    public static void merge(Map<String, Object> dst, Map<String, Object> src) {
        if (src instanceof JsonObject o) {
            for (int i = 0, n = o.size(); i < n; i++) mergeEntry(dst, o.keyAt(i), o.valueAt(i));
            return;
        }
        for (Map.Entry<String, Object> e : src.entrySet()) mergeEntry(dst, e.getKey(), e.getValue());
    }

    @SuppressWarnings("unchecked")
    private static void mergeEntry(Map<String, Object> dst, String k, Object s) {
        if (dst instanceof JsonObject o) {
            int i = o.positionOf(k);
            if (i < 0) {
                o.append(k, s);
                return;
            }
            Object d = o.valueAt(i);
            if (d instanceof Map<?, ?> dm && s instanceof Map<?, ?> sm) merge((Map<String, Object>) dm, (Map<String, Object>) sm);
            else if (d instanceof List<?> dl && s instanceof List<?> sl && dl.size() == sl.size()) mergeLists((List<Object>) dl, (List<Object>) sl);
            else if (s != null) o.setValueAt(i, s);
            return;
        }
        Object d = dst.get(k);
        if (d instanceof Map<?, ?> dm && s instanceof Map<?, ?> sm) {
            merge((Map<String, Object>) dm, (Map<String, Object>) sm);
        } else if (d instanceof List<?> dl && s instanceof List<?> sl && dl.size() == sl.size()) {
            mergeLists((List<Object>) dl, (List<Object>) sl);
        } else if (s != null || !dst.containsKey(k)) {
            dst.put(k, s);
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeLists(List<Object> dl, List<Object> sl) {
        for (int i = 0; i < dl.size(); i++) {
            Object d = dl.get(i);
            Object s = sl.get(i);
            if (d instanceof Map<?, ?> dm && s instanceof Map<?, ?> sm) merge((Map<String, Object>) dm, (Map<String, Object>) sm);
            else if (d instanceof List<?> a && s instanceof List<?> b && a.size() == b.size()) mergeLists((List<Object>) a, (List<Object>) b);
            else if (s != null) dl.set(i, s);
        }
    }
}
