package com.shopbff.contracts;

/** Payment commands on {@link Topics#WALLET_COMMANDS}, keyed by order id, sent by the order saga. */
public sealed interface WalletCommand extends Message permits WalletCommand.DebitWallet, WalletCommand.RefundWallet {
    String orderId();

    @Override
    default String key() { return orderId(); }

    /** Answered by {@link SagaReply.WalletDebited} or {@link SagaReply.PaymentDeclined}. */
    record DebitWallet(String orderId, String customerId, long amountMinor, String currency) implements WalletCommand {}

    /** Credits back exactly what the order was charged, once; answered by {@link SagaReply.WalletRefunded}. */
    record RefundWallet(String orderId, String customerId) implements WalletCommand {}
}
