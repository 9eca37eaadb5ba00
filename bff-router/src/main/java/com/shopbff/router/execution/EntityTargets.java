package com.shopbff.router.execution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The objects at an entity fetch's paths in the data tree, in tree order. Finding them allocates no per-object path:
 * the list indexes walked to reach each object go on one int tape, and an object's response path is built from it
 * only when an error needs it (a list met where the path names a key is walked too, as a negative index).
 */
final class EntityTargets {
    private final List<List<String>> paths;
    private Object[] objects = new Object[16];
    /** Per object: which of {@link #paths} reached it. */
    private int[] pathOf = new int[16];
    /** Per object: where its indexes start on the tape (one more entry marks the end). */
    private int[] tapeStart = new int[17];
    private int[] tape = new int[64];
    private int tapeSize;
    /** The indexes of the lists between the root and the value being walked. */
    private int[] walk = new int[16];
    private int walkDepth;
    private int size;

    EntityTargets(List<List<String>> paths) {
        this.paths = paths;
    }

    /** Collects the objects at every path from {@code root}. */
    EntityTargets collect(Object root) {
        for (int p = 0; p < paths.size(); p++) collect(root, paths.get(p), 0, p);
        return this;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(int i) {
        return (Map<String, Object>) objects[i];
    }

    /** Which path (index into the fetch's paths) reached object {@code i}. */
    int pathIndex(int i) {
        return pathOf[i];
    }

    private void collect(Object value, List<String> path, int i, int p) {
        if (value == null) return;
        if (i == path.size()) {
            if (value instanceof Map<?, ?>) add(value, p);
            else if (value instanceof List<?> l) walkList(l, path, i, p, true); // defensive: a list where the path ended
            return;
        }
        String step = path.get(i);
        if (step.equals("@")) {
            if (value instanceof List<?> l) walkList(l, path, i + 1, p, false);
            return;
        }
        if (value instanceof Map<?, ?> m) {
            Object child = m.get(step);
            if (child != null) collect(child, path, i + 1, p);
        } else if (value instanceof List<?> l) {
            walkList(l, path, i, p, true);
        }
    }

    private void walkList(List<?> l, List<String> path, int next, int p, boolean implicit) {
        if (walkDepth == walk.length) walk = Arrays.copyOf(walk, walkDepth * 2);
        int d = walkDepth++;
        for (int k = 0, n = l.size(); k < n; k++) {
            walk[d] = implicit ? -k - 1 : k;
            collect(l.get(k), path, next, p);
        }
        walkDepth--;
    }

    private void add(Object o, int p) {
        if (size == objects.length) {
            objects = Arrays.copyOf(objects, size * 2);
            pathOf = Arrays.copyOf(pathOf, size * 2);
            tapeStart = Arrays.copyOf(tapeStart, size * 2 + 1);
        }
        if (tapeSize + walkDepth > tape.length) tape = Arrays.copyOf(tape, Math.max(tape.length * 2, tapeSize + walkDepth));
        System.arraycopy(walk, 0, tape, tapeSize, walkDepth);
        tapeSize += walkDepth;
        objects[size] = o;
        pathOf[size] = p;
        tapeStart[++size] = tapeSize;
    }

    /** These targets restricted to {@code members} (indexes, in order): one group of a contextual fetch. */
    EntityTargets only(int[] members, int count) {
        EntityTargets t = new EntityTargets(paths);
        for (int j = 0; j < count; j++) {
            int i = members[j];
            t.walkDepth = 0;
            for (int q = tapeStart[i]; q < tapeStart[i + 1]; q++) {
                if (t.walkDepth == t.walk.length) t.walk = Arrays.copyOf(t.walk, t.walkDepth * 2);
                t.walk[t.walkDepth++] = tape[q];
            }
            t.add(objects[i], pathOf[i]);
        }
        t.walkDepth = 0;
        return t;
    }

    /** The value {@code depth} steps of object {@code i}'s response path below {@code root}. */
    Object ancestor(Object root, int i, int depth) {
        List<Object> path = path(i);
        Object v = root;
        for (int s = 0; s < depth && s < path.size() && v != null; s++) {
            Object step = path.get(s);
            if (step instanceof Integer k) v = v instanceof List<?> l && k < l.size() ? l.get(k) : null;
            else v = v instanceof Map<?, ?> m ? m.get(step) : null;
        }
        return v;
    }

    /** The response path of object {@code i}: its path's keys with the list indexes walked to reach it. */
    List<Object> path(int i) {
        List<String> path = paths.get(pathOf[i]);
        int q = tapeStart[i];
        int end = tapeStart[i + 1];
        List<Object> out = new ArrayList<>(path.size() + 2);
        for (int s = 0; ; s++) {
            while (q < end && tape[q] < 0) out.add(-tape[q++] - 1);
            if (s == path.size()) break;
            String step = path.get(s);
            if (step.equals("@")) out.add(tape[q++]);
            else out.add(step);
        }
        return out;
    }
}
