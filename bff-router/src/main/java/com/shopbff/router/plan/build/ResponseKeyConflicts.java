package com.shopbff.router.plan.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sibling type conditions may select one response key with types that differ in the subgraph (say {@code ID!}
 * and {@code ID}); GraphQL validation rejects that, so later ones get an alias ({@code key__alias_N}) that the
 * executor strips from the response. Applied to a fetch's selection before it is frozen.
 */
final class ResponseKeyConflicts {
    static final String ALIAS_MARK = "__alias_";

    private ResponseKeyConflicts() {
    }

    /** Renames conflicting fields in place; returns whether anything was renamed. */
    static boolean resolve(SelectionBuilder sel) {
        boolean changed = false;
        for (SelectionBuilder.FieldBuilder f : sel.fields.values()) {
            if (f.children() != null) changed |= resolve(f.children());
        }
        for (SelectionBuilder tc : sel.typeConditions.values()) changed |= resolve(tc);
        if (sel.typeConditions.isEmpty()) return changed;
        int counter = 0; // numbered per selection level
        Map<String, String> seen = new HashMap<>(sel.typeTexts());
        for (SelectionBuilder tc : sel.typeConditions.values()) {
            List<Map.Entry<String, SelectionBuilder.FieldBuilder>> entries = new ArrayList<>(tc.fields.entrySet());
            boolean rebuilt = false;
            for (int i = 0; i < entries.size(); i++) {
                SelectionBuilder.FieldBuilder f = entries.get(i).getValue();
                if (f.typeText() == null) continue;
                String prev = seen.putIfAbsent(f.responseKey(), f.typeText());
                if (prev != null && !prev.equals(f.typeText())) {
                    SelectionBuilder.FieldBuilder renamed = f.withResponseKey(f.responseKey() + ALIAS_MARK + (counter++));
                    entries.set(i, Map.entry(renamed.responseKey(), renamed));
                    rebuilt = true;
                }
            }
            if (rebuilt) {
                tc.fields.clear();
                for (Map.Entry<String, SelectionBuilder.FieldBuilder> e : entries) tc.fields.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        return changed;
    }
}
