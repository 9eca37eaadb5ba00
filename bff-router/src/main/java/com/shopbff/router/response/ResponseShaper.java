package com.shopbff.router.response;

import com.shopbff.router.json.JsonWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.shopbff.router.operation.DeferredFragment;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.supergraph.Supergraph;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLNamedType;

import java.util.*;

/**
 * The response stage: completes merged subgraph data for an operation with the rules of {@link Completion}, into a
 * tree ({@link #shapeData}) or straight into JSON ({@link #writeData}, the fast path, which declines when
 * completion needs an error), and cuts the payloads of deferred fragments ({@link #deferredPayloads}).
 */
public final class ResponseShaper {
    private final Supergraph sg;
    private volatile Map<String, Set<String>> enumValues;
    /**
     * Compiled shapes by operation. Keys are held weakly: an operation lives as long as its cached plan, so this
     * follows the plan cache's bound instead of keeping one of its own.
     */
    private final Cache<NormalizedOperation, ResponseShape> shapes = Caffeine.newBuilder().weakKeys()
            .executor(Runnable::run).build();

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

    private ResponseShape shape(NormalizedOperation op) {
        return shapes.get(op, o -> ResponseShape.compile(sg, enumValues(), o));
    }

    /** Completes {@code data} for the operation (deferred fields inline); new errors are appended to {@code errors}. */
    public Map<String, Object> shapeData(NormalizedOperation op, Map<String, Object> data, List<Map<String, Object>> errors) {
        return shapeData(op, data, errors, Map.of(), false);
    }

    /**
     * Completes {@code data} into a tree; new errors are appended to {@code errors}.
     *
     * @param leaveOutDeferred whether the fields of deferred fragments are left out (initial incremental payload)
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> shapeData(NormalizedOperation op, Map<String, Object> data,
                                         List<Map<String, Object>> errors, Map<String, Object> variables,
                                         boolean leaveOutDeferred) {
        ResponseShape shape = shape(op);
        ResponseSink.Tree tree = new ResponseSink.Tree();
        Completion c = new Completion(sg, variables, tree, new Completion.Errors(errors), leaveOutDeferred);
        if (!c.root(data, shape.root, op.rootType(), List.of(), null)) return null;
        return (Map<String, Object>) tree.result();
    }

    /** {@link #writeData(NormalizedOperation, Map, JsonWriter, Map, boolean)} without variables or deferral. */
    public boolean writeData(NormalizedOperation op, Map<String, Object> data, JsonWriter w) {
        return writeData(op, data, w, Map.of(), false);
    }

    /**
     * Writes {@code data} completed for the operation straight to {@code g}, without building the response tree.
     * Returns false, having written an unusable partial document, when completion needs an error (a null in a
     * non-null position): the caller then completes with {@link #shapeData} instead. Introspection operations are
     * not handled here.
     */
    public boolean writeData(NormalizedOperation op, Map<String, Object> data, JsonWriter w,
                             Map<String, Object> variables, boolean leaveOutDeferred) {
        if (op.introspection()) return false;
        ResponseShape shape = shape(op);
        try {
            return new Completion(sg, variables, new ResponseSink.Streaming(w), null, leaveOutDeferred)
                    .root(data, shape.root, op.rootType(), List.of(), null);
        } catch (Completion.Abort a) {
            return false;
        }
    }

    /**
     * The incremental payload items of one deferred fragment: one per object that selects fields of it, each
     * {@code {data, path, label?, errors?}} (data null when a non-null field of the fragment is null).
     */
    public List<Map<String, Object>> deferredPayloads(NormalizedOperation op, Map<String, Object> data,
                                                      DeferredFragment fragment, Map<String, Object> variables,
                                                      List<Map<String, Object>> errors) {
        ResponseShape shape = shape(op);
        Set<DeferredFragment> delivered = new HashSet<>();
        for (DeferredFragment p = fragment.parent(); p != null; p = p.parent()) delivered.add(p);
        List<Map<String, Object>> items = new ArrayList<>();
        find(data, shape.root, op.rootType(), new ArrayList<>(), fragment, delivered, variables, items, errors);
        return items;
    }

    @SuppressWarnings("unchecked")
    private void find(Map<String, Object> src, ResponseShape.Selection sel, String type, List<Object> path,
                      DeferredFragment fragment, Set<DeferredFragment> delivered, Map<String, Object> variables,
                      List<Map<String, Object>> items, List<Map<String, Object>> errors) {
        Completion probe = new Completion(sg, variables, new ResponseSink.Tree(), null, false);
        ResponseShape.Field[] fields = probe.fieldsFor(src, sel);
        if (fields == null) return;
        boolean has = false;
        for (ResponseShape.Field f : fields) {
            if (f.inclusion != null && !f.inclusion.test(variables)) continue;
            if (f.defer == fragment) {
                has = true;
            } else if (f.children != null && (f.defer == null || delivered.contains(f.defer))) {
                path.add(f.responseKey);
                descend(src.get(f.responseKey), f, 0, path, fragment, delivered, variables, items, errors);
                path.remove(path.size() - 1);
            }
        }
        if (!has) return;
        List<Map<String, Object>> own = new ArrayList<>();
        ResponseSink.Tree tree = new ResponseSink.Tree();
        String runtime = sel.isAbstract ? String.valueOf(src.get("__typename")) : type;
        new Completion(sg, variables, tree, new Completion.Errors(own), false)
                .root(src, sel, runtime, path, fragment);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("data", tree.result());
        item.put("path", List.copyOf(path));
        if (fragment.label() != null) item.put("label", fragment.label());
        if (!own.isEmpty()) {
            item.put("errors", own);
            errors.addAll(own);
        }
        items.add(item);
    }

    @SuppressWarnings("unchecked")
    private void descend(Object v, ResponseShape.Field f, int level, List<Object> path, DeferredFragment fragment,
                         Set<DeferredFragment> delivered, Map<String, Object> variables,
                         List<Map<String, Object>> items, List<Map<String, Object>> errors) {
        if (v == null) return;
        if (level < f.listDepth) {
            if (!(v instanceof List<?> l)) return;
            for (int i = 0; i < l.size(); i++) {
                path.add(i);
                descend(l.get(i), f, level + 1, path, fragment, delivered, variables, items, errors);
                path.remove(path.size() - 1);
            }
            return;
        }
        if (v instanceof Map<?, ?> m) {
            find((Map<String, Object>) m, f.children, f.children.declared, path, fragment, delivered, variables, items,
                    errors);
        }
    }
}
