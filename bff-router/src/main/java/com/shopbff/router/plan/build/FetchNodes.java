package com.shopbff.router.plan.build;

import com.shopbff.router.operation.Inclusion;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.plan.FetchSelection;
import com.shopbff.router.plan.PlanNode.EntityInput;
import com.shopbff.router.plan.PlanNode.Fetch;
import com.shopbff.router.plan.print.SubgraphOperationPrinter;
import com.shopbff.router.supergraph.Supergraph;
import graphql.language.AstPrinter;
import graphql.language.VariableDefinition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a finished fetch group into the plan's {@link Fetch} node: selection frozen, operation printed. */
public final class FetchNodes {
    private FetchNodes() {
    }

    /**
     * @param known condition literals that hold whenever the fetch runs (its Condition nodes): not printed again
     */
    public static Fetch fetch(FetchGroup g, NormalizedOperation op, Supergraph sg, Set<Inclusion.Literal> known) {
        boolean aliased = ResponseKeyConflicts.resolve(g.selection);
        FetchSelection selection = g.selection.freeze(known);
        Set<String> vars = new LinkedHashSet<>();
        collectVariables(selection, vars);
        List<String> defs = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (String v : vars) {
            VariableDefinition vd = op.variables().get(v);
            if (vd != null) {
                defs.add(AstPrinter.printAst(vd));
                used.add(v);
            }
        }
        for (FetchGroup.ContextVariable cv : g.contextVariables) defs.add("$" + cv.source().variable() + ": " + cv.type());
        String kind = g.isEntityFetch() ? "query" : g.operationKind;
        String operation = SubgraphOperationPrinter.operation(kind, g.isEntityFetch(),
                SubgraphOperationPrinter.selection(selection), defs);
        List<EntityInput> inputs = new ArrayList<>();
        for (EntityInputBuilder in : g.inputs.values()) inputs.add(in.build());
        String service = sg.graphByEnum(g.graph).name();
        List<com.shopbff.router.plan.PlanNode.ContextArgumentSource> context = new ArrayList<>();
        for (FetchGroup.ContextVariable cv : g.contextVariables) context.add(cv.source());
        return new Fetch(service, kind, selection, operation, used, inputs,
                g.isEntityFetch() ? List.of() : List.copyOf(g.selection.fields.keySet()), aliased, context);
    }

    private static void collectVariables(FetchSelection sel, Set<String> out) {
        for (FetchSelection.Field f : sel.fields()) {
            out.addAll(f.variables());
            if (f.selection() != null) collectVariables(f.selection(), out);
        }
        for (FetchSelection.TypeCondition tc : sel.typeConditions()) collectVariables(tc.selection(), out);
    }
}
