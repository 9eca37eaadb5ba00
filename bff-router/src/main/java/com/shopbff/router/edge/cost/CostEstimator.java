package com.shopbff.router.edge.cost;

import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.supergraph.SchemaDirectives;
import com.shopbff.router.supergraph.SchemaDirectives.Applied;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.ArgDef;
import com.shopbff.router.supergraph.SupergraphModel.FieldDef;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;
import graphql.language.*;

import java.util.*;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimates an operation's cost before anything is fetched, as the IBM cost spec and Apollo's and Hive's demand
 * control do: an operation costs its base (mutation 10, query and subscription 0) plus its fields; a field costs its
 * weight ({@code @cost} on the field, else on its type, else 1 for objects, interfaces and unions and 0 for scalars
 * and enums) plus its selections, times the list size for a list ({@code @listSize}: the largest slicing argument
 * given, else {@code assumedSize}, else the configured assumed size), plus the weights of the arguments given.
 * With {@code sizedFields} the size applies to those child fields instead (connections). For an abstract type the
 * costliest possible type counts.
 */
public final class CostEstimator {
    static final double MUTATION_BASE = 10;
    private final Supergraph sg;
    private final SchemaDirectives directives;
    private final CostConfig config;
    /** Per field coordinate: what the directives say, resolved once. */
    private final Map<String, FieldCost> fields = new ConcurrentHashMap<>();
    /**
     * Costs of normalised operations (cached and shared by the pipeline) whose estimate reads no variable: most
     * operations, so the walk happens once per operation, not per request.
     */
    private final com.github.benmanes.caffeine.cache.Cache<NormalizedOperation, Long> constant =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

    public CostEstimator(Supergraph sg, CostConfig config) {
        this.sg = sg;
        this.directives = sg.directives();
        this.config = config;
    }

    public CostConfig config() {
        return config;
    }

    /** The cost model of one field: weight, argument weights, list sizing. */
    record FieldCost(double weight, Map<String, Double> argWeights, List<String> slicing, Long assumedSize,
                     Set<String> sizedFields, boolean list, Map<String, String> argDefaults) {
    }

    /** The estimated cost (saturating at {@link Long#MAX_VALUE}). */
    public long estimate(NormalizedOperation op, Map<String, Object> variables) {
        Long known = constant.getIfPresent(op);
        if (known != null) return known;
        VariableReads reads = new VariableReads(variables);
        double base = op.kind().equals("mutation") ? MUTATION_BASE : 0;
        double c = base + selection(op.root(), reads, Map.of());
        long cost = c >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(c);
        if (!reads.read) constant.put(op, cost);
        return cost;
    }

    /** The request's variables, noting whether the estimate read any (then it is not reusable). */
    static final class VariableReads {
        final Map<String, Object> values;
        boolean read;

        VariableReads(Map<String, Object> values) {
            this.values = values == null ? Map.of() : values;
        }

        Object get(String name) {
            read = true;
            return values.get(name);
        }
    }

    private double selection(NormalizedSelectionSet set, VariableReads vars, Map<String, Double> sized) {
        double max = 0;
        for (Map.Entry<String, List<NormalizedField>> e : set.byType().entrySet()) {
            double sum = 0;
            for (NormalizedField f : e.getValue()) sum += field(e.getKey(), f, vars, sized);
            max = Math.max(max, sum);
        }
        return max;
    }

    private double field(String parent, NormalizedField f, VariableReads vars, Map<String, Double> sizedByParent) {
        if (f.name().startsWith("__")) return 0;
        FieldCost fc = fields.computeIfAbsent(parent + "." + f.name(), k -> model(parent, f.name()));
        if (fc == null) return 0;
        double args = 0;
        if (!fc.argWeights().isEmpty()) {
            for (String a : f.args().keySet()) args += fc.argWeights().getOrDefault(a, 0.0);
        }
        Double size = sizedByParent.get(f.responseKey()) != null ? sizedByParent.get(f.responseKey())
                : sizedByParent.get(f.name());
        Map<String, Double> sizedChildren = Map.of();
        if (!fc.sizedFields().isEmpty()) {
            double s = size(fc, f, vars);
            Map<String, Double> m = new HashMap<>();
            for (String n : fc.sizedFields()) m.put(n, s);
            sizedChildren = m;
        } else if (fc.list() && size == null) {
            size = size(fc, f, vars);
        }
        double children = f.children() == null ? 0 : selection(f.children(), vars, sizedChildren);
        double own = fc.weight() + children;
        return (fc.list() || size != null ? (size == null ? 1 : size) * own : own) + args;
    }

    private double size(FieldCost fc, NormalizedField f, VariableReads vars) {
        Double best = null;
        for (String a : fc.slicing()) {
            Double v = number(f.args().get(a), vars);
            if (v == null && !f.args().containsKey(a)) v = parseDefault(fc.argDefaults().get(a));
            if (v != null) best = best == null ? v : Math.max(best, v);
        }
        if (best != null) return Math.max(0, best);
        if (fc.assumedSize() != null) return fc.assumedSize();
        return config.assumedListSize();
    }

    private static Double number(Value<?> v, VariableReads vars) {
        if (v == null) return null;
        if (v instanceof IntValue i) return i.getValue().doubleValue();
        if (v instanceof VariableReference r) {
            Object o = vars.get(r.getName());
            return o instanceof Number n ? n.doubleValue() : null;
        }
        return null;
    }

    private static Double parseDefault(String literal) {
        if (literal == null) return null;
        try {
            return Double.parseDouble(literal.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private FieldCost model(String parent, String name) {
        TypeDef pt = sg.type(parent);
        if (pt == null) return null;
        FieldDef fd = pt.fields().get(name);
        if (fd == null) return null;
        List<String> owners = new ArrayList<>();
        owners.add(parent);
        owners.addAll(pt.interfaces());
        Applied cost = null, listSize = null;
        for (String o : owners) {
            String coord = SchemaDirectives.field(o, name);
            if (cost == null) cost = directives.find(coord, "cost");
            if (listSize == null) listSize = directives.find(coord, "listSize");
        }
        TypeDef rt = sg.type(fd.type().named());
        double weight;
        if (cost != null && weight(cost) != null) weight = weight(cost);
        else {
            Applied typeCost = directives.find(fd.type().named(), "cost");
            if (typeCost != null && weight(typeCost) != null) weight = weight(typeCost);
            else weight = rt != null && rt.isComposite() ? 1 : 0;
        }
        Map<String, Double> argWeights = new HashMap<>();
        Map<String, String> defaults = new HashMap<>();
        for (ArgDef a : fd.args()) {
            if (a.defaultValue() != null) defaults.put(a.name(), a.defaultValue());
            for (String o : owners) {
                Applied ac = directives.find(SchemaDirectives.argument(o, name, a.name()), "cost");
                if (ac != null && weight(ac) != null) {
                    argWeights.put(a.name(), weight(ac));
                    break;
                }
            }
        }
        List<String> slicing = List.of();
        Long assumed = null;
        Set<String> sized = Set.of();
        if (listSize != null) {
            if (listSize.arg("slicingArguments") instanceof List<?> l) {
                slicing = l.stream().filter(String.class::isInstance).map(String.class::cast).toList();
            }
            if (listSize.arg("assumedSize") instanceof Number n) assumed = n.longValue();
            if (listSize.arg("sizedFields") instanceof List<?> l) {
                sized = Set.copyOf(l.stream().filter(String.class::isInstance).map(String.class::cast).toList());
            }
        }
        return new FieldCost(weight, Map.copyOf(argWeights), slicing, assumed, sized, fd.type().isList(), Map.copyOf(defaults));
    }

    /** {@code @cost(weight:)}: an Int in the Apollo spec, a String in the IBM draft. */
    private static Double weight(Applied cost) {
        Object w = cost.arg("weight");
        if (w instanceof Number n) return n.doubleValue();
        if (w instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
