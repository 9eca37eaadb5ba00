package com.shopbff.router.plan.resolve;

import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.operation.Normalizer;
import com.shopbff.router.supergraph.Supergraph;
import graphql.language.AstPrinter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Federation field sets ({@code @key}, {@code @requires}, {@code @provides}, context selections) parsed and
 * normalised once per (type, text). Bounded by the supergraph: only field sets written in it are ever parsed.
 */
final class FieldSets {
    private final Supergraph sg;
    private final Map<String, NormalizedSelectionSet> selections = new ConcurrentHashMap<>();
    private final Map<String, ProvidedFields> provided = new ConcurrentHashMap<>();

    FieldSets(Supergraph sg) {
        this.sg = sg;
    }

    NormalizedSelectionSet selection(String type, String fieldSet) {
        return selections.computeIfAbsent(type + "|" + fieldSet,
                k -> internalKeys(Normalizer.fieldSet(sg, type, Supergraph.parseFieldSet(stripBraces(fieldSet)))));
    }

    ProvidedFields provided(String fieldSet) {
        return provided.computeIfAbsent(fieldSet, k -> ProvidedFields.of(Supergraph.parseFieldSet(fieldSet)));
    }

    /** Context selections are written with their braces ({@code { currency }}); key sets without. */
    private static String stripBraces(String fs) {
        String t = fs.trim();
        return t.startsWith("{") && t.endsWith("}") ? t.substring(1, t.length() - 1) : fs;
    }

    /**
     * Key and required fields with arguments get a response key derived from their arguments, so that a client
     * selecting the same field with other arguments never collides with what the planner needs, and two
     * requirements of one field with different arguments stay apart.
     */
    private static NormalizedSelectionSet internalKeys(NormalizedSelectionSet ns) {
        Map<String, List<NormalizedField>> byType = new LinkedHashMap<>();
        for (Map.Entry<String, List<NormalizedField>> e : ns.byType().entrySet()) {
            List<NormalizedField> out = new ArrayList<>();
            for (NormalizedField f : e.getValue()) {
                String key = f.responseKey();
                if (!f.args().isEmpty()) {
                    StringBuilder a = new StringBuilder();
                    f.args().forEach((k, v) -> a.append(k).append(':').append(AstPrinter.printAst(v)).append(','));
                    key = f.name() + "__req_" + Integer.toHexString(a.toString().hashCode() & 0x7fffffff);
                }
                out.add(new NormalizedField(key, f.name(), f.args(), f.type(),
                        f.children() == null ? null : internalKeys(f.children())));
            }
            byType.put(e.getKey(), out);
        }
        return new NormalizedSelectionSet(ns.declaredType(), byType);
    }
}
