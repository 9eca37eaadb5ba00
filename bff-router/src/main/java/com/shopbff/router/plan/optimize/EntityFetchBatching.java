package com.shopbff.router.plan.optimize;

import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.plan.PlanNode;
import com.shopbff.router.plan.PlanNode.BatchPart;
import com.shopbff.router.plan.PlanNode.EntityBatch;
import com.shopbff.router.plan.PlanNode.Fetch;
import com.shopbff.router.plan.PlanNode.Flatten;
import com.shopbff.router.plan.print.SubgraphOperationPrinter;
import graphql.language.AstPrinter;
import graphql.language.VariableDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Optimisation pass over a laid-out plan: the entity fetches ({@code Flatten}) of one {@code Parallel} stage that
 * go to the same subgraph become one {@link EntityBatch} — one HTTP request with one aliased {@code _entities}
 * field per distinct fetch; the same fetch at several paths becomes one part whose representations are collected
 * from all paths and deduplicated. Children of a {@code Parallel} are independent by construction, so nothing
 * waits for a batch that would not have waited for its members.
 */
public final class EntityFetchBatching {
    private final NormalizedOperation op;

    private EntityFetchBatching(NormalizedOperation op) {
        this.op = op;
    }

    /** The plan with entity fetches batched (null stays null). */
    public static PlanNode apply(PlanNode node, NormalizedOperation op) {
        return node == null ? null : new EntityFetchBatching(op).visit(node);
    }

    private PlanNode visit(PlanNode node) {
        return switch (node) {
            case PlanNode.Sequence s -> new PlanNode.Sequence(s.nodes().stream().map(this::visit).toList());
            case PlanNode.Parallel p -> parallel(p);
            case PlanNode.Condition c -> new PlanNode.Condition(c.variable(),
                    c.ifTrue() == null ? null : visit(c.ifTrue()), c.ifFalse() == null ? null : visit(c.ifFalse()));
            case PlanNode.Subscription s -> new PlanNode.Subscription(s.primary(), s.rest() == null ? null : visit(s.rest()));
            case PlanNode.Defer d -> new PlanNode.Defer(d.primary() == null ? null : visit(d.primary()),
                    d.deferred().stream().map(x -> new PlanNode.Deferred(x.fragment(),
                            x.node() == null ? null : visit(x.node()))).toList());
            default -> node;
        };
    }

    private PlanNode parallel(PlanNode.Parallel p) {
        Map<String, List<Flatten>> byService = new LinkedHashMap<>();
        for (PlanNode n : p.nodes()) {
            if (batchable(n)) byService.computeIfAbsent(((Flatten) n).fetch().service(), k -> new ArrayList<>()).add((Flatten) n);
        }
        List<PlanNode> out = new ArrayList<>();
        Set<String> batched = new LinkedHashSet<>();
        for (PlanNode n : p.nodes()) {
            if (batchable(n) && n instanceof Flatten f) {
                List<Flatten> same = byService.get(f.fetch().service());
                if (same.size() == 1) out.add(f);
                else if (batched.add(f.fetch().service())) out.add(batch(f.fetch().service(), same));
            } else {
                out.add(visit(n));
            }
        }
        return out.size() == 1 ? out.get(0) : new PlanNode.Parallel(out);
    }

    /** Fetches with context arguments go in one request per set of context values: they stay on their own. */
    private static boolean batchable(PlanNode n) {
        return n instanceof Flatten f && f.fetch().contextArguments().isEmpty();
    }

    private EntityBatch batch(String service, List<Flatten> members) {
        Map<Fetch, List<List<String>>> parts = new LinkedHashMap<>();
        for (Flatten f : members) parts.computeIfAbsent(f.fetch(), k -> new ArrayList<>()).add(f.path());
        if (parts.size() == 1) {
            // one fetch at several paths: its own operation, representations collected from every path
            Map.Entry<Fetch, List<List<String>>> only = parts.entrySet().iterator().next();
            return new EntityBatch(service, List.of(new BatchPart(only.getValue(), only.getKey(), "_entities",
                    "representations")), only.getKey().operation(), only.getKey().variables());
        }
        List<BatchPart> out = new ArrayList<>();
        Set<String> clientVariables = new LinkedHashSet<>();
        StringBuilder fields = new StringBuilder();
        List<String> defs = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Fetch, List<List<String>>> e : parts.entrySet()) {
            String alias = "_" + i;
            String variable = representationsVariable(i);
            out.add(new BatchPart(e.getValue(), e.getKey(), alias, variable));
            defs.add("$" + variable + ": [_Any!]!");
            clientVariables.addAll(e.getKey().variables());
            fields.append(' ').append(alias).append(": _entities(representations: $").append(variable).append(") ")
                    .append(SubgraphOperationPrinter.selection(e.getKey().selection()));
            i++;
        }
        for (String v : clientVariables) {
            VariableDefinition vd = op.variables().get(v);
            if (vd != null) defs.add(AstPrinter.printAst(vd));
        }
        String operation = "query(" + String.join(", ", defs) + ") {" + fields + " }";
        return new EntityBatch(service, out, operation, List.copyOf(clientVariables));
    }

    /** {@code representationsN}, or with underscores appended while a client variable has that name. */
    private String representationsVariable(int i) {
        String name = "representations" + i;
        while (op.variables().containsKey(name)) name += "_";
        return name;
    }
}
