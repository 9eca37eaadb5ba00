package com.shopbff.router.pipeline;

import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.FieldDef;
import com.shopbff.router.supergraph.SupergraphModel.JoinField;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Progressive {@code @override(label: "percent(N)")}: for each request, each such label is active with probability
 * N %, so that N % of requests resolve the field from the overriding subgraph. The active labels are part of the
 * plan-cache key (at most two plans per label set in use). Labels of other forms are custom labels, inactive here.
 */
final class ProgressiveOverrides {
    private static final Pattern PERCENT = Pattern.compile("percent\\((\\d+(?:\\.\\d+)?)\\)");
    /** Percentages by label; empty when the supergraph has no progressive override. */
    private final Map<String, Double> percentages = new LinkedHashMap<>();

    ProgressiveOverrides(Supergraph sg) {
        for (TypeDef t : sg.types().values()) {
            for (FieldDef f : t.fields().values()) {
                for (JoinField jf : f.joinFields()) {
                    if (jf.overrideLabel() == null) continue;
                    Matcher m = PERCENT.matcher(jf.overrideLabel().trim());
                    if (m.matches()) percentages.put(jf.overrideLabel(), Double.parseDouble(m.group(1)));
                }
            }
        }
    }

    boolean any() {
        return !percentages.isEmpty();
    }

    /** The labels active for one request (drawn at random by their percentages). */
    Set<String> draw() {
        if (percentages.isEmpty()) return Set.of();
        Set<String> active = new TreeSet<>();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (Map.Entry<String, Double> e : percentages.entrySet()) {
            if (r.nextDouble() * 100 < e.getValue()) active.add(e.getKey());
        }
        return active;
    }
}
