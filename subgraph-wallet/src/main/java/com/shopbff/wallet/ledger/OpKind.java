package com.shopbff.wallet.ledger;

/** What a wallet operation is; the ledger's entry kinds. */
public enum OpKind {
    TOP_UP, PAYMENT, REFUND, ADJUSTMENT
}
