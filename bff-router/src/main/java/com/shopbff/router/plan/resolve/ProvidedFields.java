package com.shopbff.router.plan.resolve;

import com.shopbff.router.supergraph.Supergraph;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields a {@code @provides} makes resolvable below a field, nested. Fields under a type condition
 * ({@code ... on Book { title }}) count only for objects of that type. Immutable once built.
 */
public final class ProvidedFields {
    private final Map<String, ProvidedFields> fields = new HashMap<>();
    private final Map<String, ProvidedFields> byTypeCondition = new HashMap<>();

    private ProvidedFields() {
    }

    /** The fields of a parsed {@code @provides} field set. */
    static ProvidedFields of(SelectionSet ss) {
        ProvidedFields p = new ProvidedFields();
        p.add(ss);
        return p;
    }

    private void add(SelectionSet ss) {
        for (Selection<?> s : ss.getSelections()) {
            if (s instanceof Field f) {
                ProvidedFields child = fields.computeIfAbsent(f.getName(), k -> new ProvidedFields());
                if (f.getSelectionSet() != null) child.add(f.getSelectionSet());
            } else if (s instanceof InlineFragment inf) {
                if (inf.getTypeCondition() == null) add(inf.getSelectionSet());
                else byTypeCondition.computeIfAbsent(inf.getTypeCondition().getName(), k -> new ProvidedFields())
                        .add(inf.getSelectionSet());
            }
        }
    }

    private static boolean applies(Supergraph sg, String condition, String type) {
        return condition.equals(type) || sg.possibleTypes(condition).contains(type);
    }

    /** Whether {@code field} is provided on objects of {@code type}. */
    public boolean has(Supergraph sg, String type, String field) {
        if (fields.containsKey(field)) return true;
        for (Map.Entry<String, ProvidedFields> e : byTypeCondition.entrySet()) {
            if (applies(sg, e.getKey(), type) && e.getValue().has(sg, type, field)) return true;
        }
        return false;
    }

    /** What is provided below {@code field} of objects of {@code type} (null: nothing). */
    public ProvidedFields child(Supergraph sg, String type, String field) {
        ProvidedFields c = fields.get(field);
        for (Map.Entry<String, ProvidedFields> e : byTypeCondition.entrySet()) {
            if (!applies(sg, e.getKey(), type)) continue;
            ProvidedFields c2 = e.getValue().child(sg, type, field);
            if (c2 != null) c = c == null ? c2 : merge(c, c2);
        }
        return c;
    }

    /** Everything either provides (both may be null). */
    public static ProvidedFields merge(ProvidedFields a, ProvidedFields b) {
        if (a == null) return b;
        if (b == null) return a;
        ProvidedFields p = new ProvidedFields();
        mergeInto(p.fields, a.fields, b.fields);
        mergeInto(p.byTypeCondition, a.byTypeCondition, b.byTypeCondition);
        return p;
    }

    private static void mergeInto(Map<String, ProvidedFields> out, Map<String, ProvidedFields> a,
                                  Map<String, ProvidedFields> b) {
        out.putAll(a);
        for (Map.Entry<String, ProvidedFields> e : b.entrySet()) out.merge(e.getKey(), e.getValue(), ProvidedFields::merge);
    }
}
