package com.shopbff.router.plan;

import com.shopbff.router.operation.NormalizedOperation;

/**
 * A planned operation: the plan tree (null when nothing needs a subgraph) and the normalised operation used to
 * shape the response. {@code error} is set when some requested field cannot be resolved by any subgraph
 * (a supergraph that composes but cannot serve the operation); such operations are answered with that error.
 */
public record QueryPlan(PlanNode root, NormalizedOperation operation, String error) {
    public QueryPlan(PlanNode root, NormalizedOperation operation) {
        this(root, operation, null);
    }

    /** Readable text form, used by snapshot tests and debugging. */
    public String print() {
        return PlanPrinter.print(this);
    }
}
