package com.shopbff.contracts;

/** Events on {@link Topics#WALLET_EVENTS}, keyed by customer id; the notifications subgraph turns them into messages. */
public sealed interface WalletEvent extends Message
        permits WalletEvent.WalletToppedUp, WalletEvent.WalletCharged, WalletEvent.WalletCredited {
    String customerId();

    @Override
    default String key() { return customerId(); }

    record WalletToppedUp(String customerId, long amountMinor, long balanceMinor, String currency) implements WalletEvent {}

    /** The wallet paid for an order (ARCHITECTURE.md's WalletDebited on wallet.events). */
    record WalletCharged(String customerId, String orderId, long amountMinor, long balanceMinor, String currency)
            implements WalletEvent {}

    /** An order's payment came back (ARCHITECTURE.md's WalletRefunded on wallet.events). */
    record WalletCredited(String customerId, String orderId, long amountMinor, long balanceMinor, String currency)
            implements WalletEvent {}
}
