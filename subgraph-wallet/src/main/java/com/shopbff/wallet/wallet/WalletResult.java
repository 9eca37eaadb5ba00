package com.shopbff.wallet.wallet;

import java.util.List;

/** The wallet after a mutation, or the problems that refused it (then nothing changed). */
public record WalletResult(WalletState wallet, List<Problem> problems) {
    public WalletResult {
        problems = List.copyOf(problems);
    }

    static WalletResult ok(WalletState wallet) {
        return new WalletResult(wallet, List.of());
    }

    static WalletResult refused(Problem... problems) {
        return new WalletResult(null, List.of(problems));
    }
}
