package com.shopbff.wallet.ledger;

/** What a wallet operation is; the ledger's entry kinds. */
public enum OpKind {
    TOP_UP, PAYMENT, REFUND, ADJUSTMENT,
    /** Money paid out to the payment method of record when the wallet was closed by erasure. */
    PAYOUT
}
