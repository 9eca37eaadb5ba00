package com.shopbff.wallet.wallet;

import com.shopbff.wallet.ledger.Op;

/** How a requested operation ended. */
public sealed interface OperationOutcome {
    /** Applied now, exactly once. */
    record Applied(Op op) implements OperationOutcome {}

    /** Applied before (a retry, a redelivery): nothing changed now. */
    record Duplicate(Op op) implements OperationOutcome {}

    /** Refused: nothing recorded. */
    record Refused(String code, String message) implements OperationOutcome {}
}
