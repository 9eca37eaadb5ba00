package com.shopbff.wallet.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * {@code shop.wallet.*} settings (documented in subgraph-wallet/README.md).
 *
 * @param maxTopUp largest amount one top-up may credit, a decimal string
 * @param sandbox  behaviour of the built-in {@link com.shopbff.wallet.payment.SandboxPaymentProvider}
 */
@ConfigurationProperties("shop.wallet")
public record WalletProperties(@DefaultValue("10000.00") String maxTopUp, @DefaultValue Sandbox sandbox) {

    /**
     * @param declineAbove top-ups above this amount are declined; empty = never
     * @param failAmounts  top-ups of exactly these amounts fail as if the gateway were down
     */
    public record Sandbox(String declineAbove, @DefaultValue List<String> failAmounts) {
        public Sandbox {
            failAmounts = failAmounts == null ? List.of() : List.copyOf(failAmounts);
        }
    }
}
