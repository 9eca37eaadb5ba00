package com.shopbff.support.testing.mongo;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The shape of one query a MongoDB command carries: which fields it filters on and how (equality, range, ...),
 * its {@code $or} branches, its sort, and whether it is limited. Values are left out, so every execution of one query
 * in the code has the same shape. Commands with a query: find, count, distinct, aggregate (its leading
 * {@code $match}/{@code $sort}), findAndModify, update and delete (one shape per statement).
 *
 * @param command    find, count, distinct, aggregate, findAndModify, update or delete
 * @param collection the collection
 * @param fields     the top-level (ANDed) conditions: field path to operator class (eq, in, range, exists, notexists,
 *                   ne, regex, prefix, elemMatch, other)
 * @param or         the branches of a top-level {@code $or}, each like {@code fields}; empty without one
 * @param sort       sort keys in order, each "field:1" or "field:-1"
 * @param limited    the command reads a bounded number of documents (a limit, findAndModify, a single update/delete)
 */
public record QueryShape(String command, String collection, Map<String, String> fields, List<Map<String, String>> or,
                         List<String> sort, boolean limited) {

    private static final Set<String> RANGE = Set.of("$gt", "$gte", "$lt", "$lte");

    /** The shapes of a command's queries; empty for commands without one (insert, getMore, createIndexes, ...). */
    public static List<QueryShape> of(String commandName, BsonDocument command) {
        BsonValue target = command.get(commandName);
        if (target == null || !target.isString()) return List.of();
        String collection = target.asString().getValue();
        return switch (commandName) {
            case "find" -> List.of(shape("find", collection, doc(command, "filter"), doc(command, "sort"),
                    command.containsKey("limit") && command.get("limit").isNumber() && command.getNumber("limit").intValue() != 0
                            || command.getBoolean("singleBatch", org.bson.BsonBoolean.FALSE).getValue()));
            case "count" -> List.of(shape("count", collection, doc(command, "query"), null, false));
            case "distinct" -> List.of(shape("distinct", collection, doc(command, "query"), null, false));
            case "findAndModify" -> List.of(shape("findAndModify", collection, doc(command, "query"), doc(command, "sort"), true));
            case "aggregate" -> List.of(aggregate(collection, command.getArray("pipeline", new BsonArray())));
            case "update" -> statements(command, "updates").stream()
                    .map(s -> shape("update", collection, doc(s, "q"), null, !s.getBoolean("multi", org.bson.BsonBoolean.FALSE).getValue()))
                    .toList();
            case "delete" -> statements(command, "deletes").stream()
                    .map(s -> shape("delete", collection, doc(s, "q"), null, s.getNumber("limit", new org.bson.BsonInt32(0)).intValue() == 1))
                    .toList();
            default -> List.of();
        };
    }

    private static QueryShape aggregate(String collection, BsonArray pipeline) {
        BsonDocument match = null;
        BsonDocument sort = null;
        boolean limited = false;
        for (BsonValue v : pipeline) {
            BsonDocument stage = v.asDocument();
            if (stage.containsKey("$match") && match == null && sort == null) match = stage.getDocument("$match");
            else if (stage.containsKey("$sort") && sort == null) sort = stage.getDocument("$sort");
            else if (stage.containsKey("$limit")) {
                limited = true;
                break;
            } else break;
        }
        return shape("aggregate", collection, match, sort, limited);
    }

    private static List<BsonDocument> statements(BsonDocument command, String key) {
        // The driver may send the statements in a separate payload; the listener sees them merged into the command.
        List<BsonDocument> out = new ArrayList<>();
        for (BsonValue v : command.getArray(key, new BsonArray())) out.add(v.asDocument());
        return out;
    }

    private static BsonDocument doc(BsonDocument d, String key) {
        BsonValue v = d.get(key);
        return v != null && v.isDocument() ? v.asDocument() : null;
    }

    private static QueryShape shape(String command, String collection, BsonDocument filter, BsonDocument sort, boolean limited) {
        Map<String, String> fields = new TreeMap<>();
        List<Map<String, String>> or = new ArrayList<>();
        if (filter != null) conditions(filter, fields, or);
        List<String> sortKeys = new ArrayList<>();
        if (sort != null) {
            for (var e : sort.entrySet()) sortKeys.add(e.getKey() + ":" + (e.getValue().isNumber() && e.getValue().asNumber().intValue() < 0 ? -1 : 1));
        }
        return new QueryShape(command, collection, fields, or, sortKeys, limited);
    }

    private static void conditions(BsonDocument filter, Map<String, String> fields, List<Map<String, String>> or) {
        for (var e : filter.entrySet()) {
            String key = e.getKey();
            BsonValue value = e.getValue();
            switch (key) {
                case "$and" -> value.asArray().forEach(v -> conditions(v.asDocument(), fields, or));
                case "$or" -> {
                    if (!or.isEmpty()) { // a second $or (from nested $and): keep the first, the other is a residual filter
                        fields.merge("$or", "other", (a, b) -> a);
                        continue;
                    }
                    for (BsonValue branch : value.asArray()) {
                        Map<String, String> b = new TreeMap<>();
                        List<Map<String, String>> nested = new ArrayList<>();
                        conditions(branch.asDocument(), b, nested);
                        if (!nested.isEmpty()) b.put("$or", "other");
                        or.add(b);
                    }
                }
                case "$nor", "$expr", "$where", "$text", "$comment" -> fields.put(key, "other");
                default -> fields.put(key, operator(value));
            }
        }
    }

    private static String operator(BsonValue value) {
        if (value instanceof BsonRegularExpression re) return regex(re.getPattern(), re.getOptions());
        if (!value.isDocument()) return "eq";
        BsonDocument d = value.asDocument();
        if (d.isEmpty() || !d.getFirstKey().startsWith("$")) return "eq";
        String best = null;
        for (var e : d.entrySet()) {
            String op = switch (e.getKey()) {
                case "$eq" -> "eq";
                case "$in" -> "in";
                case "$gt", "$gte", "$lt", "$lte" -> "range";
                case "$exists" -> e.getValue().isBoolean() && !e.getValue().asBoolean().getValue() ? "notexists" : "exists";
                case "$ne", "$nin", "$not" -> "ne";
                case "$regex" -> regex(e.getValue().isString() ? e.getValue().asString().getValue()
                        : e.getValue() instanceof BsonRegularExpression re ? re.getPattern() : "", d.getString("$options", new org.bson.BsonString("")).getValue());
                case "$options" -> null;
                case "$elemMatch" -> "elemMatch";
                default -> "other";
            };
            if (op != null && (best == null || strength(op) > strength(best))) best = op;
        }
        return best == null ? "other" : best;
    }

    /** How well an index narrows a condition: equality best, then $in, range, prefix, ... */
    private static int strength(String op) {
        return switch (op) {
            case "eq" -> 9;
            case "in" -> 8;
            case "elemMatch" -> 7;
            case "range" -> 6;
            case "prefix" -> 5;
            case "exists" -> 4;
            default -> 0;
        };
    }

    private static String regex(String pattern, String options) {
        return pattern.startsWith("^") && !options.contains("i") ? "prefix" : "regex";
    }

    /** True when an index on this field can narrow the scan (unanchored regex, $ne, $exists:false cannot). */
    static boolean indexable(String op) {
        return strength(op) > 0;
    }

    /** One line: {@code find {customerId:eq, status:in} sort {placedAt:-1,_id:-1} limit}. */
    public String text() {
        StringBuilder s = new StringBuilder(command).append(' ').append(render(fields));
        if (!or.isEmpty()) s.append(" $or[").append(or.stream().map(QueryShape::render).collect(Collectors.joining(" | "))).append(']');
        if (!sort.isEmpty()) s.append(" sort {").append(String.join(",", sort)).append('}');
        if (limited) s.append(" limit");
        return s.toString();
    }

    private static String render(Map<String, String> f) {
        Map<String, String> ordered = new LinkedHashMap<>(f);
        return ordered.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
    }
}
