package com.shopbff.router.plan;

import com.shopbff.router.operation.NOperation;

/**
 * A planned operation: the plan tree (null when nothing needs a subgraph) and the normalised operation used to
 * shape the response.
 */
public record QueryPlan(PlanNode root, NOperation operation) {
    /** Readable text form, used by snapshot tests and debugging. */
    public String print() {
        return PlanPrinter.print(this);
    }
}
