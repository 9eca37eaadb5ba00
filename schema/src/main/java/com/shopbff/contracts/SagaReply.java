package com.shopbff.contracts;

import java.util.List;

/** Replies to the order saga on {@link Topics#ORDER_SAGA_REPLIES}, keyed by order id. */
public sealed interface SagaReply extends Message
        permits SagaReply.StockReserved, SagaReply.StockRejected, SagaReply.WalletDebited, SagaReply.PaymentDeclined,
                SagaReply.WalletRefunded {
    String orderId();

    @Override
    default String key() { return orderId(); }

    record StockReserved(String orderId) implements SagaReply {}

    record Shortage(String productId, int requested, int available) {}

    record StockRejected(String orderId, List<Shortage> shortages) implements SagaReply {
        public StockRejected { shortages = List.copyOf(shortages); }
    }

    record WalletDebited(String orderId, String customerId, long amountMinor, String currency) implements SagaReply {}

    enum DeclineReason { INSUFFICIENT_FUNDS, WALLET_NOT_FOUND, INVALID_AMOUNT }

    record PaymentDeclined(String orderId, String customerId, DeclineReason reason) implements SagaReply {}

    record WalletRefunded(String orderId, String customerId, long amountMinor, String currency) implements SagaReply {}
}
