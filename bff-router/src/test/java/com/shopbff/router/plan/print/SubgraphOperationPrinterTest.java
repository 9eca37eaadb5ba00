package com.shopbff.router.plan.print;

import com.shopbff.router.plan.FetchSelection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Printing a fetch's operation from its selection tree. */
class SubgraphOperationPrinterTest {
    private static FetchSelection.Field leaf(String key, String name) {
        return new FetchSelection.Field(key, name, "", "", List.of(), null);
    }

    @Test
    void aliasesArgumentsDirectivesAndTypeConditionsPrintInOrder() {
        FetchSelection inner = new FetchSelection(List.of(leaf("id", "id")), List.of());
        FetchSelection sel = new FetchSelection(List.of(
                new FetchSelection.Field("p", "product", "(id: $id)", " @include(if: $x)", List.of("id", "x"),
                        new FetchSelection(List.of(leaf("__typename", "__typename"), leaf("title", "name")),
                                List.of(new FetchSelection.TypeCondition("Book", inner),
                                        new FetchSelection.TypeCondition("Movie",
                                                new FetchSelection(List.of(leaf("__typename", "__typename")), List.of())))))),
                List.of());
        // a type condition asking only for __typename adds nothing when the parent asks for it already
        assertEquals("{ p: product(id: $id) @include(if: $x) { __typename title: name ... on Book { id } } }",
                SubgraphOperationPrinter.selection(sel));
    }

    @Test
    void entityOperationsWrapTheSelectionAndDeclareTheirVariables() {
        assertEquals("query($representations: [_Any!]!, $id: ID!) { _entities(representations: $representations) { x } }",
                SubgraphOperationPrinter.operation("query", true, "{ x }", List.of("$id: ID!")));
        assertEquals("mutation { x }", SubgraphOperationPrinter.operation("mutation", false, "{ x }", List.of()));
        assertEquals("{ __typename }", SubgraphOperationPrinter.selection(FetchSelection.EMPTY));
    }
}
