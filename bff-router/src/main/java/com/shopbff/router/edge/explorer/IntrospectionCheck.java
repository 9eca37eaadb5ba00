package com.shopbff.router.edge.explorer;

import com.shopbff.router.pipeline.OperationCheck;
import com.shopbff.router.pipeline.Rejected;

/** Refuses {@code __schema} and {@code __type} when introspection is off ({@code __typename} stays allowed). */
public final class IntrospectionCheck implements OperationCheck {
    public static final String CODE = "INTROSPECTION_DISABLED";

    @Override
    public Outcome check(Context ctx) {
        if (!ctx.operation().introspection()) return Accepted.AS_IS;
        return Rejected.requestError("Introspection is disabled on this router.", CODE);
    }
}
