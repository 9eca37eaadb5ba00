package com.shopbff.router.plan.build;

import com.shopbff.router.operation.NormalizedField;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields no subgraph could resolve so far, in the order they were met. Retries (another subgraph for a shared
 * field) take a {@link #mark()}, read what failed {@link #since} it, and {@link #truncate} back when the retry
 * resolved them.
 */
final class Unresolved {
    /** A field that could not be resolved, on objects of {@code parentType}. */
    record Entry(String parentType, NormalizedField field) {
        String coordinate() {
            return parentType + "." + field.name();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(String parentType, NormalizedField field) {
        entries.add(new Entry(parentType, field));
    }

    void addAll(List<Entry> es) {
        entries.addAll(es);
    }

    int mark() {
        return entries.size();
    }

    /** The entries added since {@code mark} (a copy). */
    List<Entry> since(int mark) {
        return new ArrayList<>(entries.subList(mark, entries.size()));
    }

    void truncate(int mark) {
        entries.subList(mark, entries.size()).clear();
    }

    int size() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    static Set<NormalizedField> fields(List<Entry> es) {
        Set<NormalizedField> out = new java.util.HashSet<>();
        for (Entry e : es) out.add(e.field());
        return out;
    }

    /** The error of a plan that leaves these fields unresolved, or null. */
    String error() {
        if (entries.isEmpty()) return null;
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : entries) names.add(e.coordinate());
        return "Cannot plan the operation: no subgraph can resolve " + String.join(", ", names);
    }
}
