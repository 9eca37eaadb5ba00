package com.shopbff.router.operation;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a field sits in a {@link NormalizedOperation}: the chain of (concrete parent type, response key) steps
 * from the root, e.g. {@code Query.me/User.email}. Stable across requests of the same operation, so sets of
 * paths can be part of cache keys (the plan cache keys removed fields by their paths).
 */
public record FieldPath(List<Step> steps) implements Comparable<FieldPath> {
    public static final FieldPath ROOT = new FieldPath(List.of());

    /** One step: a field with this response key selected on objects of this concrete type. */
    public record Step(String parentType, String responseKey) {
    }

    public FieldPath {
        steps = List.copyOf(steps);
    }

    /** Parses the {@link #toString()} form ({@code Query.me/User.email}). */
    public static FieldPath parse(String text) {
        List<Step> steps = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String s : text.split("/")) {
                int dot = s.indexOf('.');
                if (dot <= 0) throw new IllegalArgumentException("not a field path step: " + s);
                steps.add(new Step(s.substring(0, dot), s.substring(dot + 1)));
            }
        }
        return new FieldPath(steps);
    }

    public FieldPath child(String parentType, String responseKey) {
        List<Step> l = new ArrayList<>(steps.size() + 1);
        l.addAll(steps);
        l.add(new Step(parentType, responseKey));
        return new FieldPath(l);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            if (!sb.isEmpty()) sb.append('/');
            sb.append(s.parentType()).append('.').append(s.responseKey());
        }
        return sb.toString();
    }

    @Override
    public int compareTo(FieldPath o) {
        return toString().compareTo(o.toString());
    }
}
