package com.shopbff.router.json;

import java.util.List;
import java.util.Map;

/**
 * The deep merge of subgraph results into the data tree, in one place: a key absent from the target is added; two
 * objects merge field by field; two lists of the same length merge item by item; otherwise a non-null value
 * replaces what was there. {@link JsonReader#parseResponseInto} applies the same rules while it parses.
 */
public final class JsonMerge {
    private JsonMerge() {
    }

    /** Deep merge of {@code src} into {@code dst}. */
    public static void merge(Map<String, Object> dst, Map<String, Object> src) {
        if (src instanceof JsonObject o) {
            for (int i = 0, n = o.size(); i < n; i++) mergeEntry(dst, o.keyAt(i), o.valueAt(i));
            return;
        }
        for (Map.Entry<String, Object> e : src.entrySet()) mergeEntry(dst, e.getKey(), e.getValue());
    }

    /** Merges value {@code s} into {@code dst} under key {@code k}. */
    @SuppressWarnings("unchecked")
    public static void mergeEntry(Map<String, Object> dst, String k, Object s) {
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
    static void mergeLists(List<Object> dl, List<Object> sl) {
        for (int i = 0; i < dl.size(); i++) {
            Object d = dl.get(i);
            Object s = sl.get(i);
            if (d instanceof Map<?, ?> dm && s instanceof Map<?, ?> sm) merge((Map<String, Object>) dm, (Map<String, Object>) sm);
            else if (d instanceof List<?> a && s instanceof List<?> b && a.size() == b.size()) mergeLists((List<Object>) a, (List<Object>) b);
            else if (s != null) dl.set(i, s);
        }
    }
}
