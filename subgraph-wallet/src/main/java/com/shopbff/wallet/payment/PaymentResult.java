package com.shopbff.wallet.payment;

/** The answer of a {@link PaymentProvider}. */
public sealed interface PaymentResult {
    /** Money collected; {@code reference} identifies the charge at the provider. */
    record Approved(String reference) implements PaymentResult {}

    /** Refused (card declined, limit): nothing collected. */
    record Declined(String reason) implements PaymentResult {}

    /** The provider could not be reached or failed: nothing collected as far as we know. */
    record Failed(String message) implements PaymentResult {}
}
