package com.shopbff.router.plan;

import com.shopbff.router.plan.PlanNode.*;
import com.shopbff.router.plan.print.SubgraphOperationPrinter;

/** Prints plans in one stable, readable text form (modelled on the usual federation plan notation). */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static String print(QueryPlan plan) {
        StringBuilder sb = new StringBuilder("QueryPlan {\n");
        if (plan.error() != null) sb.append("  Error(\"").append(plan.error()).append("\")\n");
        if (plan.root() != null) node(sb, plan.root(), 1);
        sb.append("}\n");
        return sb.toString();
    }

    private static void indent(StringBuilder sb, int n) {
        sb.append("  ".repeat(n));
    }

    private static void node(StringBuilder sb, PlanNode node, int d) {
        switch (node) {
            case Fetch f -> fetch(sb, f, d);
            case Flatten fl -> {
                indent(sb, d);
                sb.append("Flatten(path: \"").append(String.join(".", fl.path())).append("\") {\n");
                fetch(sb, fl.fetch(), d + 1);
                indent(sb, d);
                sb.append("}\n");
            }
            case EntityBatch b -> {
                indent(sb, d);
                sb.append("Batch(service: \"").append(b.service()).append("\") {\n");
                for (BatchPart part : b.parts()) {
                    indent(sb, d + 1);
                    sb.append("Flatten(path");
                    if (part.paths().size() > 1) sb.append('s');
                    sb.append(": ");
                    for (int i = 0; i < part.paths().size(); i++) {
                        if (i > 0) sb.append(", ");
                        sb.append('"').append(String.join(".", part.paths().get(i))).append('"');
                    }
                    sb.append(") {\n");
                    fetch(sb, part.fetch(), d + 2);
                    indent(sb, d + 1);
                    sb.append("}\n");
                }
                indent(sb, d);
                sb.append("}\n");
            }
            case Sequence s -> block(sb, "Sequence", s.nodes(), d);
            case Parallel p -> block(sb, "Parallel", p.nodes(), d);
            case Condition c -> {
                indent(sb, d);
                if (c.ifFalse() == null) {
                    sb.append("Include(if: $").append(c.variable()).append(") {\n");
                    node(sb, c.ifTrue(), d + 1);
                } else if (c.ifTrue() == null) {
                    sb.append("Skip(if: $").append(c.variable()).append(") {\n");
                    node(sb, c.ifFalse(), d + 1);
                } else {
                    sb.append("Condition(if: $").append(c.variable()).append(") {\n");
                    node(sb, c.ifTrue(), d + 1);
                    indent(sb, d);
                    sb.append("} else {\n");
                    node(sb, c.ifFalse(), d + 1);
                }
                indent(sb, d);
                sb.append("}\n");
            }
            case Defer df -> {
                indent(sb, d);
                sb.append("Defer {\n");
                indent(sb, d + 1);
                sb.append("Primary {\n");
                if (df.primary() != null) node(sb, df.primary(), d + 2);
                indent(sb, d + 1);
                sb.append("}\n");
                for (Deferred x : df.deferred()) {
                    indent(sb, d + 1);
                    sb.append("Deferred(id: ").append(x.fragment().id());
                    if (x.fragment().label() != null) sb.append(", label: \"").append(x.fragment().label()).append('"');
                    if (x.fragment().parent() != null) sb.append(", parent: ").append(x.fragment().parent().id());
                    sb.append(") {\n");
                    if (x.node() != null) node(sb, x.node(), d + 2);
                    indent(sb, d + 1);
                    sb.append("}\n");
                }
                indent(sb, d);
                sb.append("}\n");
            }
            case Subscription s -> {
                indent(sb, d);
                sb.append("Subscription {\n");
                indent(sb, d + 1);
                sb.append("Primary: {\n");
                fetch(sb, s.primary(), d + 2);
                indent(sb, d + 1);
                sb.append("}\n");
                if (s.rest() != null) {
                    indent(sb, d + 1);
                    sb.append("Rest: {\n");
                    node(sb, s.rest(), d + 2);
                    indent(sb, d + 1);
                    sb.append("}\n");
                }
                indent(sb, d);
                sb.append("}\n");
            }
        }
    }

    private static void block(StringBuilder sb, String name, java.util.List<PlanNode> nodes, int d) {
        indent(sb, d);
        sb.append(name).append(" {\n");
        for (PlanNode n : nodes) node(sb, n, d + 1);
        indent(sb, d);
        sb.append("}\n");
    }

    private static void fetch(StringBuilder sb, Fetch f, int d) {
        indent(sb, d);
        sb.append("Fetch(service: \"").append(f.service()).append("\") {\n");
        if (f.isEntityFetch()) {
            indent(sb, d + 1);
            sb.append("{");
            for (EntityInput in : f.inputs()) {
                sb.append(" ... on ").append(in.objectType());
                if (!in.typename().equals(in.objectType())) sb.append(" as ").append(in.typename());
                sb.append(" {");
                reprFields(sb, in.fields());
                sb.append(" }");
            }
            sb.append(" } =>\n");
        }
        for (ContextArgumentSource c : f.contextArguments()) {
            indent(sb, d + 1);
            sb.append("$").append(c.variable()).append(" <- ancestor at depth ").append(c.ancestorDepth()).append(": ")
                    .append(String.join(".", c.selection())).append('\n');
        }
        indent(sb, d + 1);
        if (!f.operationKind().equals("query")) sb.append(f.operationKind()).append(' ');
        sb.append(SubgraphOperationPrinter.selection(f.selection())).append('\n');
        indent(sb, d);
        sb.append("}\n");
    }

    private static void reprFields(StringBuilder sb, java.util.List<ReprField> fields) {
        for (ReprField r : fields) {
            sb.append(' ');
            if (!r.source().equals(r.name())) sb.append(r.name()).append(" <- ").append(r.source());
            else sb.append(r.name());
            if (r.children() != null) {
                sb.append(" {");
                reprFields(sb, r.children());
                sb.append(" }");
            }
        }
    }
}
