package com.shopbff.router.response;

import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;
import com.shopbff.router.supergraph.SupergraphModel.TypeRef;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.shopbff.router.json.Json;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLNamedType;

import java.io.IOException;
import java.util.*;

/**
 * Builds the client response from the merged subgraph data exactly as GraphQL specifies: only requested fields,
 * in request order, under their aliases; {@code __typename}; enum values the API does not expose become null;
 * a null in a non-null position propagates to the nearest nullable parent with an error (unless a subgraph
 * error already covers that path).
 */
public final class ResponseShaper {
    private static final Object INVALID = new Object();
    private final Supergraph sg;
    private volatile Map<String, Set<String>> enumValues;

    public ResponseShaper(Supergraph sg) {
        this.sg = sg;
    }

    /** Enum values the API exposes, per enum (from the API schema, computed once). */
    private Map<String, Set<String>> enumValues() {
        Map<String, Set<String>> m = enumValues;
        if (m == null) {
            m = new HashMap<>();
            for (GraphQLNamedType t : sg.apiSchema().getAllTypesAsList()) {
                if (t instanceof GraphQLEnumType e) {
                    Set<String> vs = new HashSet<>();
                    for (GraphQLEnumValueDefinition v : e.getValues()) vs.add(v.getName());
                    m.put(e.getName(), vs);
                }
            }
            enumValues = m;
        }
        return m;
    }

    /** Prepares lookups ahead of the first request. */
    public void warm() {
        enumValues();
    }

    /** Shapes {@code data} for the operation; new errors are appended to {@code errors}. */
    public Map<String, Object> shapeData(NormalizedOperation op, Map<String, Object> data, List<Map<String, Object>> errors) {
        Ctx ctx = new Ctx(errors);
        Object out = object(data, op.root(), op.rootType(), new ArrayList<>(), ctx, true);
        if (out == INVALID) return null;
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) out;
        return m;
    }

    private static final class Ctx {
        final List<Map<String, Object>> errors;
        final List<String> errorPaths = new ArrayList<>();

        Ctx(List<Map<String, Object>> errors) {
            this.errors = errors;
            for (Map<String, Object> e : errors) {
                if (e.get("path") instanceof List<?> p) errorPaths.add(pathKey(p));
            }
        }

        boolean covered(List<Object> path) {
            String k = pathKey(path);
            for (String p : errorPaths) {
                if (p.startsWith(k) || k.startsWith(p)) return true;
            }
            return false;
        }

        void error(String message, List<Object> path) {
            if (covered(path)) return;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", message);
            e.put("path", List.copyOf(path));
            errors.add(e);
            errorPaths.add(pathKey(path));
        }
    }

    private static String pathKey(List<?> p) {
        StringBuilder sb = new StringBuilder();
        for (Object o : p) sb.append(o).append('/');
        return sb.toString();
    }

    private Object object(Map<String, Object> src, NormalizedSelectionSet ss, String declared, List<Object> path, Ctx ctx,
                          boolean root) {
        String type = declared;
        TypeDef dt = sg.type(declared);
        if (dt != null && dt.isAbstract()) {
            Object tn = src.get("__typename");
            type = tn == null ? null : tn.toString();
            if (type == null || !ss.byType().containsKey(type)) {
                // An interface object answers with the interface name. When the selection is the same for every
                // concrete type (no type conditions) any of them describes the object; otherwise the type is
                // unknown (e.g. hidden from the API) and no selection applies.
                TypeDef rt = type == null ? null : sg.type(type);
                List<NormalizedField> common = rt != null && rt.isAbstract() ? commonFields(ss) : null;
                if (common == null) return null;
                return fields(src, common, type, path, ctx, root);
            }
        }
        return fields(src, ss.fieldsFor(type), type, path, ctx, root);
    }

    private static List<NormalizedField> commonFields(NormalizedSelectionSet ss) {
        List<NormalizedField> first = null;
        for (List<NormalizedField> l : ss.byType().values()) {
            if (first == null) {
                first = l;
                continue;
            }
            if (l.size() != first.size()) return null;
            for (int i = 0; i < l.size(); i++) {
                if (!l.get(i).responseKey().equals(first.get(i).responseKey()) || l.get(i).isTypename()) return null;
            }
        }
        return first;
    }

    private Object fields(Map<String, Object> src, List<NormalizedField> fields, String type, List<Object> path, Ctx ctx,
                          boolean root) {
        Map<String, Object> out = new LinkedHashMap<>(fields.size() * 2);
        for (NormalizedField f : fields) {
            if (f.isTypename()) {
                out.put(f.responseKey(), type);
                continue;
            }
            if (root && (f.name().equals("__schema") || f.name().equals("__type"))) {
                out.put(f.responseKey(), src.get(f.responseKey()));
                continue;
            }
            if (f.removed()) {
                // a check removed it and the response already has its error: null, propagated when non-null
                if (f.type().nonNull()) return INVALID;
                out.put(f.responseKey(), null);
                continue;
            }
            path.add(f.responseKey());
            Object v = value(src.get(f.responseKey()), f.type(), f, path, ctx, type);
            path.remove(path.size() - 1);
            if (v == INVALID) return INVALID;
            out.put(f.responseKey(), v);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object value(Object v, TypeRef t, NormalizedField f, List<Object> path, Ctx ctx, String parentType) {
        if (v == null) {
            if (t.nonNull()) {
                ctx.error("Cannot return null for non-nullable field " + parentType + "." + f.name() + ".", path);
                return INVALID;
            }
            return null;
        }
        Object result;
        if (t.isList()) {
            if (!(v instanceof List<?> l)) {
                result = null;
            } else {
                TypeRef inner = t.unwrapList();
                List<Object> out = new ArrayList<>(l.size());
                result = out;
                for (int i = 0; i < l.size(); i++) {
                    path.add(i);
                    Object iv = value(l.get(i), inner, f, path, ctx, parentType);
                    path.remove(path.size() - 1);
                    if (iv == INVALID) {
                        result = null;
                        break;
                    }
                    out.add(iv);
                }
            }
        } else if (f.children() != null) {
            result = v instanceof Map<?, ?> m
                    ? object((Map<String, Object>) m, f.children(), t.named(), path, ctx, false) : null;
        } else {
            Set<String> allowed = enumValues().get(t.named());
            if (allowed != null && !allowed.contains(String.valueOf(v))) {
                // a value the API hides (@inaccessible) or does not know: completes as null, like Apollo Router;
                // a non-null position still reports the null below
                result = null;
            } else {
                result = v;
            }
        }
        if (result == INVALID || result == null) {
            if (t.nonNull()) {
                if (result == null) {
                    ctx.error("Cannot return null for non-nullable field " + parentType + "." + f.name() + ".", path);
                }
                return INVALID;
            }
            return null;
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Streaming: shape while writing JSON
    // ------------------------------------------------------------------------------------------------------------

    /** Thrown (preallocated, no stack trace) when the data needs errors or null propagation: use the tree path. */
    private static final class Abort extends RuntimeException {
        Abort() {
            super("abort", null, false, false);
        }
    }

    private static final Abort ABORT = new Abort();
    private static final int COMPILED_MAX = 5_000;
    private final Map<NormalizedOperation, WSel> compiled = new IdentityHashMap<>();

    /** A selection set compiled for writing: field arrays per concrete type, names pre-encoded. */
    private static final class WSel {
        final boolean isAbstract;
        final Map<String, WField[]> byType = new HashMap<>();
        WField[] declaredFields;
        WField[] common; // for abstract values whose runtime type is itself abstract (interface objects)
        boolean commonComputed;
        final NormalizedSelectionSet source;

        WSel(NormalizedSelectionSet source, boolean isAbstract) {
            this.source = source;
            this.isAbstract = isAbstract;
        }
    }

    private static final class WField {
        SerializedString key;
        String responseKey;
        boolean typename;
        boolean raw;
        boolean removed;
        int listDepth;
        boolean[] nonNull; // per list level, outermost first, then the named type
        Set<String> enumAllowed;
        WSel children;
    }

    private WSel compiled(NormalizedOperation op) {
        synchronized (compiled) {
            WSel w = compiled.get(op);
            if (w == null) {
                if (compiled.size() > COMPILED_MAX) compiled.clear();
                w = compile(op.root(), op.rootType(), new IdentityHashMap<>());
                compiled.put(op, w);
            }
            return w;
        }
    }

    private WSel compile(NormalizedSelectionSet ss, String declared, Map<NormalizedSelectionSet, WSel> seen) {
        WSel done = seen.get(ss);
        if (done != null) return done;
        TypeDef dt = sg.type(declared);
        WSel w = new WSel(ss, dt != null && dt.isAbstract());
        seen.put(ss, w);
        for (Map.Entry<String, List<NormalizedField>> e : ss.byType().entrySet()) {
            w.byType.put(e.getKey(), fields(e.getValue(), seen));
        }
        w.declaredFields = w.byType.getOrDefault(declared, new WField[0]);
        if (w.isAbstract) {
            List<NormalizedField> common = commonFields(ss);
            w.common = common == null ? null : fields(common, seen);
        }
        return w;
    }

    private WField[] fields(List<NormalizedField> list, Map<NormalizedSelectionSet, WSel> seen) {
        WField[] out = new WField[list.size()];
        for (int i = 0; i < out.length; i++) {
            NormalizedField f = list.get(i);
            WField w = new WField();
            w.key = new SerializedString(f.responseKey());
            // interned like the field names Jackson's parser returns, so map lookups usually match by identity
            w.responseKey = f.responseKey().intern();
            w.typename = f.isTypename();
            w.removed = f.removed();
            if (!w.typename && f.type() == null) {
                w.raw = true;
            } else if (!w.typename) {
                List<Boolean> nn = new ArrayList<>();
                TypeRef t = f.type();
                while (t.isList()) {
                    nn.add(t.nonNull());
                    t = t.unwrapList();
                }
                nn.add(t.nonNull());
                w.listDepth = nn.size() - 1;
                w.nonNull = new boolean[nn.size()];
                for (int k = 0; k < nn.size(); k++) w.nonNull[k] = nn.get(k);
                w.enumAllowed = enumValues().get(t.named());
                if (f.children() != null) w.children = compile(f.children(), t.named(), seen);
            }
            out[i] = w;
        }
        return out;
    }

    /**
     * Writes {@code data} shaped for the operation straight to {@code g}, without building the response tree.
     * Returns false, having written an unusable partial document, when shaping needs an error (a null in a
     * non-null position): the caller then shapes with {@link #shapeData} instead. Introspection operations are
     * not handled here.
     */
    public boolean writeData(NormalizedOperation op, Map<String, Object> data, JsonGenerator g) throws IOException {
        if (op.introspection()) return false;
        WSel root = compiled(op);
        try {
            WField[] fs = resolve(data, root, op.rootType());
            if (fs == null) return false;
            writeObject(g, data, fs, typeOf(data, root, op.rootType()));
            return true;
        } catch (Abort a) {
            return false;
        }
    }

    private static String typeOf(Map<String, Object> src, WSel sel, String declared) {
        if (!sel.isAbstract) return declared;
        Object tn = src.get("__typename");
        return tn == null ? null : tn.toString();
    }

    /** The fields to write for an object, or null when it completes as null (unknown runtime type). */
    private WField[] resolve(Map<String, Object> src, WSel sel, String declared) {
        if (!sel.isAbstract) return sel.declaredFields;
        Object tn = src.get("__typename");
        if (tn == null) return null;
        WField[] fs = sel.byType.get(tn.toString());
        if (fs != null) return fs;
        TypeDef rt = sg.type(tn.toString());
        return rt != null && rt.isAbstract() ? sel.common : null;
    }

    private void writeObject(JsonGenerator g, Map<String, Object> src, WField[] fs, String type) throws IOException {
        g.writeStartObject();
        for (WField f : fs) {
            g.writeFieldName(f.key);
            if (f.typename) {
                g.writeString(type);
            } else if (f.removed) {
                writeNull(g, f, 0);
            } else if (f.raw) {
                Json.write(g, src.get(f.responseKey));
            } else {
                writeValue(g, src.get(f.responseKey), f, 0);
            }
        }
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private void writeValue(JsonGenerator g, Object v, WField f, int level) throws IOException {
        if (v == null) {
            writeNull(g, f, level);
            return;
        }
        if (level < f.listDepth) {
            if (!(v instanceof List<?> l)) {
                writeNull(g, f, level);
                return;
            }
            g.writeStartArray();
            for (int i = 0, n = l.size(); i < n; i++) writeValue(g, l.get(i), f, level + 1);
            g.writeEndArray();
            return;
        }
        if (f.children != null) {
            if (!(v instanceof Map<?, ?> m)) {
                writeNull(g, f, level);
                return;
            }
            Map<String, Object> src = (Map<String, Object>) m;
            WSel sel = f.children;
            WField[] fs = resolve(src, sel, null);
            if (fs == null) {
                writeNull(g, f, level);
                return;
            }
            writeObject(g, src, fs, sel.isAbstract ? src.get("__typename").toString() : declaredName(sel));
            return;
        }
        if (f.enumAllowed != null && !f.enumAllowed.contains(String.valueOf(v))) {
            writeNull(g, f, level);
            return;
        }
        Json.write(g, v);
    }

    private static String declaredName(WSel sel) {
        return sel.source.declaredType();
    }

    private static void writeNull(JsonGenerator g, WField f, int level) throws IOException {
        if (f.nonNull[level]) throw ABORT; // needs an error and null propagation: the tree path does that
        g.writeNull();
    }
}
