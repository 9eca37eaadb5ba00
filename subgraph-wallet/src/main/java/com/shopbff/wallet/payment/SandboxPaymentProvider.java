package com.shopbff.wallet.payment;

import com.shopbff.support.money.MoneyFormat;
import com.shopbff.wallet.config.WalletProperties;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The built-in provider: approves every charge without moving real money, except that it declines amounts above
 * {@code shop.wallet.sandbox.decline-above} and fails for the exact amounts in {@code shop.wallet.sandbox.fail-amounts}
 * (like a gateway's test card numbers), so that the failure paths can be exercised end to end. Payouts follow the
 * same rules.
 */
public class SandboxPaymentProvider implements PaymentProvider {
    private final Long declineAboveMinor;
    private final Set<Long> failAmountsMinor;

    public SandboxPaymentProvider(WalletProperties.Sandbox settings) {
        this.declineAboveMinor = settings.declineAbove() == null || settings.declineAbove().isBlank() ? null
                : MoneyFormat.parse(settings.declineAbove()).orElseThrow(
                        () -> new IllegalArgumentException("shop.wallet.sandbox.decline-above is not an amount: " + settings.declineAbove()));
        this.failAmountsMinor = settings.failAmounts().stream()
                .map(a -> MoneyFormat.parse(a).orElseThrow(() -> new IllegalArgumentException("shop.wallet.sandbox.fail-amounts: " + a)))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public PaymentResult charge(PaymentRequest request) {
        return answer(request.amountMinor(), request.idempotencyKey());
    }

    @Override
    public PaymentResult payout(PayoutRequest request) {
        return answer(request.amountMinor(), request.idempotencyKey());
    }

    private PaymentResult answer(long amountMinor, String idempotencyKey) {
        if (failAmountsMinor.contains(amountMinor)) return new PaymentResult.Failed("sandbox: simulated gateway failure");
        if (declineAboveMinor != null && amountMinor > declineAboveMinor) {
            return new PaymentResult.Declined("sandbox: amounts above " + MoneyFormat.format(declineAboveMinor) + " are declined");
        }
        // Same key, same reference: what a real gateway answers to a retried idempotent request.
        return new PaymentResult.Approved("sandbox-" + UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8)));
    }
}
