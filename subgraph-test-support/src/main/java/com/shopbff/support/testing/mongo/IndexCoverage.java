package com.shopbff.support.testing.mongo;

import com.shopbff.support.mongo.MongoIndex;
import com.shopbff.support.mongo.MongoIndexes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which declared index serves a query shape, by the rules MongoDB's planner follows for the cases this code has
 * (a simplification, erring on "not served"):
 * <ul>
 *   <li>a condition on {@code _id} that narrows (equality, {@code $in}, range) uses the {@code _id} index;</li>
 *   <li>otherwise an index whose first key field has a narrowing condition (equality, {@code $in}, range,
 *       {@code $exists: true}, {@code $elemMatch}, an anchored case-sensitive regex) serves it, if the query implies the
 *       index's partial filter (every partial-filter field is constrained by the query);</li>
 *   <li>a limited query without such a condition is served by an index whose keys, after the fields the query fixes
 *       by equality, are its sort keys (all in the same or all in the opposite direction);</li>
 *   <li>a query with a top-level {@code $or} is served when each branch (with the conditions outside the
 *       {@code $or}) is;</li>
 *   <li>anything else reads the whole collection: allowed only when declared as a {@link MongoIndexes.Scan}.</li>
 * </ul>
 */
public final class IndexCoverage {
    private final Map<String, List<MongoIndex>> indexes = new HashMap<>();
    private final Map<String, MongoIndexes.Scan> scans = new HashMap<>();

    public IndexCoverage(Collection<MongoIndexes> declared) {
        for (MongoIndexes d : declared) {
            for (MongoIndex i : d.indexes()) indexes.computeIfAbsent(i.collection(), c -> new ArrayList<>()).add(i);
            for (MongoIndexes.Scan s : d.scans()) scans.put(s.collection() + " " + s.shape(), s);
        }
    }

    /** How one shape is served. */
    public record Verdict(QueryShape shape, String index, MongoIndexes.Scan allowedScan) {
        public boolean ok() {
            return index != null || allowedScan != null;
        }

        public String describe() {
            if (index != null) return "index " + index;
            if (allowedScan != null) return "collection scan, on purpose: " + allowedScan.why();
            return "NO INDEX";
        }
    }

    public Verdict verdict(QueryShape shape) {
        String index = servedBy(shape).orElse(null);
        return new Verdict(shape, index, index != null ? null : scans.get(shape.collection() + " " + shape.text()));
    }

    /** The name of an index that serves the shape ({@code _id_} for the primary key). */
    public Optional<String> servedBy(QueryShape shape) {
        List<MongoIndex> candidates = indexes.getOrDefault(shape.collection(), List.of());
        if (shape.or().isEmpty()) return conjunction(shape.fields(), shape, candidates);
        Optional<String> outer = conjunction(shape.fields(), shape, candidates);
        if (outer.isPresent()) return outer;
        List<String> used = new ArrayList<>();
        for (Map<String, String> branch : shape.or()) {
            Map<String, String> merged = new TreeMap<>(shape.fields());
            merged.putAll(branch);
            Optional<String> b = conjunction(merged, shape, candidates);
            if (b.isEmpty()) return Optional.empty();
            if (!used.contains(b.get())) used.add(b.get());
        }
        return Optional.of(String.join(" + ", used) + " (one per $or branch)");
    }

    private static Optional<String> conjunction(Map<String, String> fields, QueryShape shape, List<MongoIndex> candidates) {
        String id = fields.get("_id");
        if (id != null && (id.equals("eq") || id.equals("in") || id.equals("range"))) return Optional.of("_id_");
        // Of the indexes whose first key narrows the query, the one whose leading keys narrow it most (as the planner
        // would pick by the bounds it can use).
        MongoIndex best = null;
        int bestKeys = 0;
        for (MongoIndex index : candidates) {
            if (!impliesPartialFilter(fields, index)) continue;
            int keys = 0;
            for (String key : index.keyFields().keySet()) {
                if (!narrows(fields, key)) break;
                keys++;
            }
            if (keys > bestKeys) {
                best = index;
                bestKeys = keys;
            }
        }
        if (best != null) return Optional.of(best.name());
        if (shape.limited() && !shape.sort().isEmpty()) {
            if (sortedById(fields, shape.sort())) return Optional.of("_id_");
            for (MongoIndex index : candidates) {
                if (impliesPartialFilter(fields, index) && providesSort(fields, shape.sort(), index)) return Optional.of(index.name());
            }
        }
        return Optional.empty();
    }

    private static boolean narrows(Map<String, String> fields, String keyField) {
        for (var e : fields.entrySet()) {
            String f = e.getKey();
            boolean sameField = f.equals(keyField) || keyField.startsWith(f + ".") && e.getValue().equals("elemMatch");
            if (sameField && QueryShape.indexable(e.getValue())) return true;
        }
        return false;
    }

    private static boolean impliesPartialFilter(Map<String, String> fields, MongoIndex index) {
        if (index.partialFilter() == null) return true;
        for (String f : index.partialFilter().keySet()) {
            String op = fields.get(f);
            if (op == null || !QueryShape.indexable(op)) return false;
        }
        return true;
    }

    private static boolean sortedById(Map<String, String> fields, List<String> sort) {
        return fields.isEmpty() && sort.size() == 1 && sort.getFirst().startsWith("_id:");
    }

    private static boolean providesSort(Map<String, String> fields, List<String> sort, MongoIndex index) {
        List<Map.Entry<String, Object>> keys = new ArrayList<>(index.keyFields().entrySet());
        int k = 0;
        while (k < keys.size() && "eq".equals(fields.get(keys.get(k).getKey())) && !sortHas(sort, keys.get(k).getKey())) k++;
        if (keys.size() - k < sort.size()) return false;
        Boolean reversed = null;
        for (int i = 0; i < sort.size(); i++) {
            String[] s = sort.get(i).split(":");
            var key = keys.get(k + i);
            if (!key.getKey().equals(s[0])) return false;
            boolean same = Integer.parseInt(s[1]) == ((Number) key.getValue()).intValue();
            if (reversed == null) reversed = !same;
            else if (reversed == same) return false;
        }
        return true;
    }

    private static boolean sortHas(List<String> sort, String field) {
        return sort.stream().anyMatch(s -> s.startsWith(field + ":"));
    }
}
