package com.shopbff.router.plan.print;

import com.shopbff.router.plan.FetchSelection;

import java.util.List;

/**
 * Prints the operation a fetch sends from the selection tree it carries: {@code { a b { c } ... on T { d } }},
 * wrapped in {@code _entities(representations: $representations)} for entity fetches, with the variable
 * definitions the selection uses. One canonical form: the plan snapshots show it, the subgraphs receive it.
 */
public final class SubgraphOperationPrinter {
    private SubgraphOperationPrinter() {
    }

    /** The selection as text. */
    public static String selection(FetchSelection sel) {
        StringBuilder sb = new StringBuilder();
        print(sel, sb);
        return sb.toString();
    }

    /**
     * The operation text.
     *
     * @param kind                query, mutation or subscription
     * @param entity              whether it is an {@code _entities} fetch
     * @param selection           the printed selection
     * @param variableDefinitions printed definitions of the client variables it uses (e.g. {@code $id: ID!})
     */
    public static String operation(String kind, boolean entity, String selection, List<String> variableDefinitions) {
        StringBuilder op = new StringBuilder(entity ? "query" : kind);
        if (entity || !variableDefinitions.isEmpty()) {
            op.append('(');
            boolean first = true;
            if (entity) {
                op.append("$representations: [_Any!]!");
                first = false;
            }
            for (String d : variableDefinitions) {
                if (!first) op.append(", ");
                first = false;
                op.append(d);
            }
            op.append(')');
        }
        if (entity) op.append(" { _entities(representations: $representations) ").append(selection).append(" }");
        else op.append(' ').append(selection);
        return op.toString();
    }

    private static void print(FetchSelection sel, StringBuilder sb) {
        sb.append('{');
        if (sel.isEmpty()) sb.append(" __typename");
        boolean hasTypename = false;
        for (FetchSelection.Field f : sel.fields()) {
            sb.append(' ');
            if (!f.responseKey().equals(f.name())) sb.append(f.responseKey()).append(": ");
            sb.append(f.name()).append(f.arguments()).append(f.directives());
            if (f.selection() != null) {
                sb.append(' ');
                print(f.selection(), sb);
            }
            if (f.responseKey().equals("__typename")) hasTypename = true;
        }
        for (FetchSelection.TypeCondition tc : sel.typeConditions()) {
            FetchSelection s = tc.selection();
            if (s.isEmpty()) continue;
            // a fragment asking only for __typename adds nothing when the parent asks for it already
            if (hasTypename && s.typeConditions().isEmpty() && s.fields().size() == 1
                    && s.fields().get(0).responseKey().equals("__typename")
                    && s.fields().get(0).name().equals("__typename")) continue;
            sb.append(" ... on ").append(tc.type()).append(' ');
            print(s, sb);
        }
        sb.append(" }");
    }
}
