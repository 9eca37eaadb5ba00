package com.shopbff.router.plan.build;

import com.shopbff.router.operation.NormalizedField;
import graphql.language.AstPrinter;
import graphql.language.Node;
import graphql.language.Value;
import graphql.language.VariableReference;

import java.util.Map;
import java.util.Set;

/** Prints a field's arguments for a subgraph operation and collects the client variables they use. */
final class Arguments {
    private Arguments() {
    }

    /** {@code (a: 1, b: $v)} or "" ; adds the variables used to {@code vars}. */
    static String print(NormalizedField nf, Set<String> vars) {
        if (nf.args().isEmpty()) return "";
        StringBuilder sb = new StringBuilder("(");
        boolean first = true;
        for (Map.Entry<String, Value<?>> e : nf.args().entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append(e.getKey()).append(": ").append(AstPrinter.printAst(e.getValue()));
            collectVariables(e.getValue(), vars);
        }
        return sb.append(')').toString();
    }

    static void collectVariables(Node<?> v, Set<String> vars) {
        if (v instanceof VariableReference r) vars.add(r.getName());
        for (Node<?> c : v.getChildren()) collectVariables(c, vars);
    }
}
