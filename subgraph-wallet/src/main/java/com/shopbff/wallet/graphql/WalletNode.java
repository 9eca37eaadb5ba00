package com.shopbff.wallet.graphql;

import com.shopbff.wallet.generated.types.Wallet;
import com.shopbff.wallet.wallet.WalletState;

/** The API's {@code Wallet} carrying the state it was read from, so its transactions page agrees with its balance. */
final class WalletNode extends Wallet {
    private final WalletState state;

    WalletNode(WalletState state) {
        this.state = state;
        setCustomerId(state.id());
        setBalance(WalletGraph.money(state.balanceMinor(), state.currency()));
    }

    WalletState state() {
        return state;
    }
}
