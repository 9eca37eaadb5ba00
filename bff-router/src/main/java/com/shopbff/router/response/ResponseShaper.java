package com.shopbff.router.response;

import com.shopbff.router.operation.NField;
import com.shopbff.router.operation.NOperation;
import com.shopbff.router.operation.NSelectionSet;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;
import com.shopbff.router.supergraph.SupergraphModel.TypeRef;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLNamedType;

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
    private final Map<String, Set<String>> enumValues = new HashMap<>();

    public ResponseShaper(Supergraph sg) {
        this.sg = sg;
        for (GraphQLNamedType t : sg.apiSchema().getAllTypesAsList()) {
            if (t instanceof GraphQLEnumType e) {
                Set<String> vs = new HashSet<>();
                for (GraphQLEnumValueDefinition v : e.getValues()) vs.add(v.getName());
                enumValues.put(e.getName(), vs);
            }
        }
    }

    /** Shapes {@code data} for the operation; new errors are appended to {@code errors}. */
    public Map<String, Object> shapeData(NOperation op, Map<String, Object> data, List<Map<String, Object>> errors) {
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

    private Object object(Map<String, Object> src, NSelectionSet ss, String declared, List<Object> path, Ctx ctx,
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
                List<NField> common = rt != null && rt.isAbstract() ? commonFields(ss) : null;
                if (common == null) return null;
                return fields(src, common, type, path, ctx, root);
            }
        }
        return fields(src, ss.fieldsFor(type), type, path, ctx, root);
    }

    private static List<NField> commonFields(NSelectionSet ss) {
        List<NField> first = null;
        for (List<NField> l : ss.byType().values()) {
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

    private Object fields(Map<String, Object> src, List<NField> fields, String type, List<Object> path, Ctx ctx,
                          boolean root) {
        Map<String, Object> out = new LinkedHashMap<>(fields.size() * 2);
        for (NField f : fields) {
            if (f.isTypename()) {
                out.put(f.responseKey(), type);
                continue;
            }
            if (root && (f.name().equals("__schema") || f.name().equals("__type"))) {
                out.put(f.responseKey(), src.get(f.responseKey()));
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
    private Object value(Object v, TypeRef t, NField f, List<Object> path, Ctx ctx, String parentType) {
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
            Set<String> allowed = enumValues.get(t.named());
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
}
