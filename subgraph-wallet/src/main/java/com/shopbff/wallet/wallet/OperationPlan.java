package com.shopbff.wallet.wallet;

import com.shopbff.wallet.ledger.OpKind;

/** What to do about a requested operation, decided against the wallet exactly as it is (see {@link WalletOperations}). */
public sealed interface OperationPlan {

    /** Record the operation; {@code amountMinor} 0 with a decline reason records a decline. */
    record Record(OpKind kind, long amountMinor, long requestedMinor, String orderId, String reason, String declineReason)
            implements OperationPlan {}

    /** Record nothing (a refused API request leaves no trace in the ledger). */
    record Refuse(String code, String message) implements OperationPlan {}

    static Record record(OpKind kind, long amountMinor, long requestedMinor, String orderId, String reason) {
        return new Record(kind, amountMinor, requestedMinor, orderId, reason, null);
    }

    static Record decline(OpKind kind, long requestedMinor, String orderId, String reason, String declineReason) {
        return new Record(kind, 0, requestedMinor, orderId, reason, declineReason);
    }
}
