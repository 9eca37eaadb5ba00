package com.shopbff.router.operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks fields of an operation as removed (an operation check decided the caller may not see them): a removed
 * field keeps its place in the operation, so the response still has its key, but the planner never fetches it
 * and response completion answers null there (a null in a non-null position propagates as usual).
 */
public final class FieldRemoval {
    private FieldRemoval() {
    }

    /** A copy of {@code op} with the fields at {@code paths} marked removed (their sub-selections dropped). */
    public static NormalizedOperation apply(NormalizedOperation op, Set<FieldPath> paths) {
        if (paths.isEmpty()) return op;
        NormalizedSelectionSet root = apply(op.root(), FieldPath.ROOT, paths);
        return op.withRoot(root);
    }

    private static NormalizedSelectionSet apply(NormalizedSelectionSet set, FieldPath at, Set<FieldPath> paths) {
        Map<String, List<NormalizedField>> byType = new LinkedHashMap<>();
        for (Map.Entry<String, List<NormalizedField>> e : set.byType().entrySet()) {
            List<NormalizedField> out = new ArrayList<>(e.getValue().size());
            for (NormalizedField f : e.getValue()) {
                FieldPath p = at.child(e.getKey(), f.responseKey());
                if (paths.contains(p) && !f.isTypename()) {
                    out.add(f.asRemoved());
                } else if (f.children() != null) {
                    out.add(f.withChildren(apply(f.children(), p, paths)));
                } else {
                    out.add(f);
                }
            }
            byType.put(e.getKey(), List.copyOf(out));
        }
        return new NormalizedSelectionSet(set.declaredType(), byType);
    }
}
