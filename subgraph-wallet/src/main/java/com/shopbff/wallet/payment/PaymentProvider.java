package com.shopbff.wallet.payment;

/**
 * Where the money of a top-up comes from: the place a card gateway (Stripe, Adyen, a bank acquirer...) plugs in.
 * Declare a bean of this type to replace the built-in {@link SandboxPaymentProvider}.
 * <p>
 * Contract: {@link PaymentRequest#idempotencyKey()} is stable across retries of one top-up, and an implementation
 * must pass it to the gateway so that concurrent or repeated calls charge the card at most once (gateways offer
 * this: e.g. Stripe's {@code Idempotency-Key} header). The wallet credits at most once per key on its side.
 * An implementation answers {@link PaymentResult.Declined} for a refusal the customer can act on and
 * {@link PaymentResult.Failed} (or throws) when the outcome is unknown or the gateway is down.
 */
public interface PaymentProvider {
    PaymentResult charge(PaymentRequest request);

    /**
     * Pays money back to the customer's payment method of record (a refund to the card of their top-ups, as gateways
     * offer it). Same contract as {@link #charge}: the idempotency key makes a retried payout pay once;
     * {@link PaymentResult.Declined} when the gateway refuses (card expired...), {@link PaymentResult.Failed} or an
     * exception when the outcome is unknown (the wallet retries with the same key).
     */
    PaymentResult payout(PayoutRequest request);
}
