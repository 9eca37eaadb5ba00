package com.shopbff.wallet.payment;

/**
 * Money to send back to the customer's payment method of record (the card or account their top-ups came from), e.g.
 * what is left in a wallet closed by erasure. {@code idempotencyKey} is stable across retries of one payout.
 */
public record PayoutRequest(String customerId, long amountMinor, String currency, String idempotencyKey) {
    public PayoutRequest {
        if (amountMinor <= 0) throw new IllegalArgumentException("a payout is positive");
    }
}
