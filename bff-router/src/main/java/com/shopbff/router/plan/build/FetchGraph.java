package com.shopbff.router.plan.build;

import com.shopbff.router.operation.DeferredFragment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Stage 3's result: the fetch groups of one operation (a DAG through their dependencies) and the fields no
 * subgraph could resolve. Built by {@link FetchGraphBuilder}; laid out into plan nodes by {@code plan.layout}.
 */
public final class FetchGraph {
    final String operationKind;
    final List<FetchGroup> groups = new ArrayList<>();
    final Unresolved unresolved = new Unresolved();
    /** Fields fetched through entity jumps (a tie-breaker between otherwise equal plans). */
    int jumpedFields;

    FetchGraph(String operationKind) {
        this.operationKind = operationKind;
    }

    public List<FetchGroup> groups() {
        return groups;
    }

    /** Why the operation cannot be planned completely, or null. */
    public String error() {
        return unresolved.error();
    }

    /** The root fetch of {@code graph} for the initial response or a deferred fragment, created when absent. */
    FetchGroup rootGroup(String graph, DeferredFragment defer) {
        for (FetchGroup x : groups) {
            if (!x.isEntityFetch() && x.graph.equals(graph) && java.util.Objects.equals(x.defer, defer)) return x;
        }
        FetchGroup root = new FetchGroup(groups.size(), graph, List.of(), null, operationKind, defer);
        groups.add(root);
        return root;
    }

    /** Whether {@code a} needs {@code b}'s data, directly or through other groups (or is {@code b}). */
    boolean dependsOn(FetchGroup a, FetchGroup b) {
        if (a == b) return true;
        Deque<FetchGroup> todo = new ArrayDeque<>(a.dependencies);
        Set<FetchGroup> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            FetchGroup x = todo.pop();
            if (x == b) return true;
            if (seen.add(x)) todo.addAll(x.dependencies);
        }
        return false;
    }

    /**
     * An entity fetch to {@code graph} for the objects at {@code path} fetched by {@code source}: an existing one
     * when it may be shared — it must not depend on {@code avoid} (the group that will need its data), none of
     * {@code newDependencies} may depend on it (no cycle), it must serve the same payload ({@code defer}), and
     * {@code acceptable} must hold (e.g. its representations can carry the new requirements) — else a new one.
     */
    FetchGroup entityGroup(String graph, List<String> path, FetchGroup source, FetchGroup avoid,
                           Set<FetchGroup> newDependencies, DeferredFragment defer, Predicate<FetchGroup> acceptable) {
        outer:
        for (FetchGroup x : groups) {
            if (x.source != source || !x.graph.equals(graph) || !x.path.equals(path)) continue;
            if (!java.util.Objects.equals(x.defer, defer)) continue;
            if (avoid != null && dependsOn(x, avoid)) continue;
            for (FetchGroup d : newDependencies) if (dependsOn(d, x)) continue outer;
            if (!acceptable.test(x)) continue;
            return x;
        }
        FetchGroup g = new FetchGroup(groups.size(), graph, path, source, "query", defer);
        groups.add(g);
        return g;
    }
}
