package com.shopbff.router.response;

import com.shopbff.router.json.JsonObject;
import com.shopbff.router.operation.DeferredFragment;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The completion rules, in one place: from the merged subgraph data to the response exactly as GraphQL specifies
 * — only requested fields (their {@code @skip}/{@code @include} applied), in request order, under their aliases;
 * {@code __typename}; the runtime type of abstract values from {@code __typename} (an unknown type completes as
 * null); enum values the API does not expose become null; fields removed by checks are null; a null in a
 * non-null position propagates to the nearest nullable parent with an error (unless an error already covers the
 * path). The output goes to a {@link ResponseSink}: a tree, or JSON written directly.
 */
final class Completion {
    /** Thrown (preallocated, no stack trace) when streaming meets null propagation: complete into a tree instead. */
    static final class Abort extends RuntimeException {
        Abort() {
            super("abort", null, false, false);
        }
    }

    static final Abort ABORT = new Abort();

    private final Supergraph sg;
    private final Map<String, Object> variables;
    private final ResponseSink sink;
    /** Null when streaming: the first error aborts instead. */
    private final Errors errors;
    /** Whether fields of deferred fragments are left out (the initial payload of an incremental response). */
    private final boolean leaveOutDeferred;
    /** The response path of the value being completed, kept only when errors are collected (it is their path). */
    private final List<Object> path = new ArrayList<>();
    private final boolean tracking;

    Completion(Supergraph sg, Map<String, Object> variables, ResponseSink sink, Errors errors, boolean leaveOutDeferred) {
        this.sg = sg;
        this.variables = variables;
        this.sink = sink;
        this.errors = errors;
        this.leaveOutDeferred = leaveOutDeferred;
        this.tracking = errors != null;
    }

    /** Errors of one response, and the paths they cover. */
    static final class Errors {
        final List<Map<String, Object>> list;
        private final List<String> covered = new ArrayList<>();

        Errors(List<Map<String, Object>> list) {
            this.list = list;
            for (Map<String, Object> e : list) if (e.get("path") instanceof List<?> p) covered.add(key(p));
        }

        void nonNull(String parentType, String field, List<Object> path) {
            String k = key(path);
            for (String p : covered) if (p.startsWith(k) || k.startsWith(p)) return;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", "Cannot return null for non-nullable field " + parentType + "." + field + ".");
            e.put("path", List.copyOf(path));
            list.add(e);
            covered.add(k);
        }

        private static String key(List<?> p) {
            StringBuilder sb = new StringBuilder();
            for (Object o : p) sb.append(o).append('/');
            return sb.toString();
        }
    }

    /** Completes a root object (or a deferred fragment's object); false when it completes as null. */
    boolean root(Map<String, Object> src, ResponseShape.Selection sel, String type, List<Object> at,
                 DeferredFragment only) {
        path.clear();
        path.addAll(at);
        ResponseShape.Field[] fs = fieldsFor(src, sel);
        if (fs == null) {
            sink.nullValue();
            return false;
        }
        return object(src, fs, typeName(src, sel, type), only);
    }

    /** The fields to complete for an object, or null when it completes as null (unknown runtime type). */
    ResponseShape.Field[] fieldsFor(Map<String, Object> src, ResponseShape.Selection sel) {
        if (!sel.isAbstract) return sel.declaredFields;
        Object tn = src.get("__typename");
        if (tn == null) return null;
        ResponseShape.Field[] fs = sel.byType.get(tn.toString());
        if (fs != null) return fs;
        // an interface object answers with the interface name: when the selection is the same for every concrete
        // type any of them describes the object; otherwise the type is unknown (e.g. hidden from the API)
        TypeDef rt = sg.type(tn.toString());
        return rt != null && rt.isAbstract() ? sel.common : null;
    }

    private static String typeName(Map<String, Object> src, ResponseShape.Selection sel, String declared) {
        if (!sel.isAbstract) return declared;
        Object tn = src.get("__typename");
        return tn == null ? null : tn.toString();
    }

    /** Whether the field belongs to the payload being completed. */
    boolean included(ResponseShape.Field f, DeferredFragment only) {
        if (f.inclusion != null && !f.inclusion.test(variables)) return false;
        if (only != null) return f.defer == only;
        return !leaveOutDeferred || f.defer == null;
    }

    /**
     * Completes an object's fields ({@code only}: just those of that deferred fragment); false when a non-null
     * field is null, the object then being abandoned for the caller to propagate.
     */
    private boolean object(Map<String, Object> src, ResponseShape.Field[] fields, String type, DeferredFragment only) {
        sink.startObject();
        // subgraph objects mostly hold the fields in the order they are selected: look where the last one was found
        JsonObject jo = src instanceof JsonObject o ? o : null;
        int next = 0;
        for (ResponseShape.Field f : fields) {
            if (!included(f, only)) continue;
            sink.name(f);
            if (f.typename) {
                sink.value(type);
            } else if (f.raw) {
                sink.value(src.get(f.responseKey));
            } else if (f.removed) {
                // a check removed it and the response already has its error: null, propagated when non-null
                if (f.nonNull[0]) {
                    sink.abandonObject();
                    return false;
                }
                sink.nullValue();
            } else {
                if (tracking) path.add(f.responseKey);
                Object v;
                if (jo != null) {
                    int at = jo.positionOf(f.responseKey, next);
                    v = at < 0 ? null : jo.valueAt(at);
                    next = at + 1;
                } else {
                    v = src.get(f.responseKey);
                }
                boolean ok = value(v, f, 0, type);
                if (tracking) path.remove(path.size() - 1);
                if (!ok) {
                    sink.abandonObject();
                    return false;
                }
            }
        }
        sink.endObject();
        return true;
    }

    /** Completes a value at list level {@code level}; false when it is null in a non-null position. */
    @SuppressWarnings("unchecked")
    private boolean value(Object v, ResponseShape.Field f, int level, String parentType) {
        if (v == null) return nullAt(f, level, parentType, true);
        if (level < f.listDepth) {
            if (!(v instanceof List<?> l)) return nullAt(f, level, parentType, true);
            sink.startArray();
            for (int i = 0, n = l.size(); i < n; i++) {
                if (tracking) path.add(i);
                boolean ok = value(l.get(i), f, level + 1, parentType);
                if (tracking) path.remove(path.size() - 1);
                if (!ok) {
                    sink.abandonArray();
                    return nullAt(f, level, parentType, false);
                }
            }
            sink.endArray();
            return true;
        }
        if (f.children != null) {
            if (!(v instanceof Map<?, ?> m)) return nullAt(f, level, parentType, true);
            Map<String, Object> src = (Map<String, Object>) m;
            ResponseShape.Field[] fs = fieldsFor(src, f.children);
            if (fs == null) return nullAt(f, level, parentType, true);
            if (!object(src, fs, typeName(src, f.children, f.children.declared), null)) {
                return nullAt(f, level, parentType, false);
            }
            return true;
        }
        if (f.enumAllowed != null && !f.enumAllowed.contains(String.valueOf(v))) {
            // a value the API hides (@inaccessible) or does not know: completes as null, like Apollo Router
            return nullAt(f, level, parentType, true);
        }
        sink.value(v);
        return true;
    }

    /**
     * A null at this level: written when nullable; otherwise reported ({@code report}: the null starts here, not
     * propagated from below, where it was reported) and propagated.
     */
    private boolean nullAt(ResponseShape.Field f, int level, String parentType, boolean report) {
        if (!f.nonNull[level]) {
            sink.nullValue();
            return true;
        }
        if (errors == null) throw ABORT;
        if (report) errors.nonNull(parentType, f.name, path);
        return false;
    }
}
