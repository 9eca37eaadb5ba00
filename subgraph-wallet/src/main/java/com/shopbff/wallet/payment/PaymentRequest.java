package com.shopbff.wallet.payment;

/** A charge to collect {@code amountMinor} for a top-up of {@code customerId}'s wallet. */
public record PaymentRequest(String customerId, long amountMinor, String currency, String idempotencyKey) {
    public PaymentRequest {
        if (amountMinor <= 0) throw new IllegalArgumentException("a charge is positive");
    }
}
