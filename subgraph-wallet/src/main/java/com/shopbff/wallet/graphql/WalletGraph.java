package com.shopbff.wallet.graphql;

import com.shopbff.support.money.MoneyFormat;
import com.shopbff.wallet.generated.types.Money;
import com.shopbff.wallet.generated.types.UserError;
import com.shopbff.wallet.generated.types.Wallet;
import com.shopbff.wallet.generated.types.WalletTransaction;
import com.shopbff.wallet.generated.types.WalletTransactionKind;
import com.shopbff.wallet.ledger.Op;
import com.shopbff.wallet.wallet.Problem;
import com.shopbff.wallet.wallet.WalletState;

import java.time.ZoneOffset;
import java.util.List;

/** Domain to API types. */
final class WalletGraph {
    private WalletGraph() {}

    static Money money(long minor, String currency) {
        return Money.newBuilder().amount(MoneyFormat.format(minor)).currency(currency).build();
    }

    static Wallet wallet(WalletState w) {
        return w == null ? null : new WalletNode(w);
    }

    static WalletTransaction transaction(Op op) {
        return WalletTransaction.newBuilder().id(op.id()).kind(WalletTransactionKind.valueOf(op.kind().name()))
                .amount(money(op.amountMinor(), op.currency())).balanceAfter(money(op.balanceAfterMinor(), op.currency()))
                .orderId(op.orderId()).reason(op.reason()).createdAt(op.at().atOffset(ZoneOffset.UTC)).build();
    }

    static List<UserError> userErrors(List<Problem> problems) {
        return problems.stream().map(p -> UserError.newBuilder().code(p.code()).field(p.field()).message(p.message()).build()).toList();
    }
}
