package com.shopbff.router.plan;

import java.util.List;

/**
 * The selection a {@link PlanNode.Fetch} sends to its subgraph, as a tree: fields (with their printed arguments
 * and directives) and type conditions. The operation text the executor sends is printed from it once, when the
 * plan is built ({@code plan.print.SubgraphOperationPrinter}).
 *
 * @param fields         fields in order
 * @param typeConditions inline fragments ({@code ... on T}) in order
 */
public record FetchSelection(List<Field> fields, List<TypeCondition> typeConditions) {
    public static final FetchSelection EMPTY = new FetchSelection(List.of(), List.of());

    public FetchSelection {
        fields = List.copyOf(fields);
        typeConditions = List.copyOf(typeConditions);
    }

    /**
     * One field.
     *
     * @param responseKey the key it answers under (an alias when it differs from the name)
     * @param name        the field's name
     * @param arguments   printed arguments including parentheses, or ""
     * @param directives  printed directives (e.g. {@code @include(if: $v)}), each preceded by a space, or ""
     * @param variables   client variables the arguments and directives use
     * @param selection   the sub-selection (null for leaves)
     */
    public record Field(String responseKey, String name, String arguments, String directives, List<String> variables,
                        FetchSelection selection) {
        public Field {
            variables = List.copyOf(variables);
        }
    }

    /** An inline fragment {@code ... on type { selection }}. */
    public record TypeCondition(String type, FetchSelection selection) {
    }

    public boolean isEmpty() {
        if (!fields.isEmpty()) return false;
        for (TypeCondition t : typeConditions) if (!t.selection().isEmpty()) return false;
        return true;
    }
}
