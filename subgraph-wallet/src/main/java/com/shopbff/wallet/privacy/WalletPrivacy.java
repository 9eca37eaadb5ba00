package com.shopbff.wallet.privacy;

import com.shopbff.support.money.MoneyFormat;
import com.shopbff.support.privacy.PrivacyReplies;
import com.shopbff.wallet.ledger.LedgerRepository;
import com.shopbff.wallet.ledger.Op;
import com.shopbff.wallet.payout.WalletPayouts;
import com.shopbff.wallet.wallet.WalletOperations;
import com.shopbff.wallet.wallet.WalletRepository;
import com.shopbff.wallet.wallet.WalletService;
import com.shopbff.wallet.wallet.WalletState;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wallet's part of the customer subgraph's privacy requests. Erasure: the wallet is closed, free text erased, and
 * what it holds paid out to the payment method of record ({@link WalletPayouts}); the answer says what happened to
 * the money. Export: the wallet and its whole ledger.
 */
@Service
public class WalletPrivacy {
    private final WalletService wallets;
    private final WalletRepository repository;
    private final LedgerRepository ledger;
    private final WalletPayouts payouts;
    private final PrivacyReplies replies;
    private final WalletOperations operations;

    public WalletPrivacy(WalletService wallets, WalletRepository repository, LedgerRepository ledger, WalletPayouts payouts,
                         PrivacyReplies replies, WalletOperations operations) {
        this.operations = operations;
        this.wallets = wallets;
        this.repository = repository;
        this.ledger = ledger;
        this.payouts = payouts;
        this.replies = replies;
    }

    public void erase(String customerId) {
        Optional<WalletState> closed = wallets.close(customerId);
        String detail;
        if (closed.isEmpty()) {
            detail = "no wallet";
        } else {
            WalletPayouts.Result payout = payouts.payoutIfDue(customerId);
            String currency = closed.get().currency();
            detail = "wallet closed";
            if (payout.paidMinor() > 0) detail += ", " + money(payout.paidMinor(), currency) + " paid out to the payment method of record";
            if (payout.owedMinor() > 0) {
                detail += ", " + money(payout.owedMinor(), currency) + " still owed (payout due"
                        + (payout.error() == null ? "" : ", " + payout.error()) + "; see closedWallets)";
            }
            if (payout.paidMinor() == 0 && payout.owedMinor() == 0) detail += ", empty";
        }
        replies.sendErasureCompleted(customerId, detail);
    }

    public void export(String customerId, String exportId) {
        Map<String, Object> part = new LinkedHashMap<>();
        Optional<WalletState> w = repository.find(customerId);
        if (w.isPresent()) {
            part.put("wallet", Map.of("balance", MoneyFormat.format(w.get().balanceMinor()), "currency", w.get().currency(),
                    "closed", w.get().closed(), "openedAt", w.get().openedAt().toString()));
            operations.materialise(w.get()); // what the balance includes is in the ledger before it is read
            List<Map<String, Object>> entries = ledger.allEntries(customerId).stream().map(WalletPrivacy::entry).toList();
            part.put("transactions", entries);
        } else {
            part.put("wallet", null);
            part.put("transactions", List.of());
        }
        replies.sendExportPart(customerId, exportId, part);
    }

    private static Map<String, Object> entry(Op op) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", op.kind().name());
        e.put("amount", MoneyFormat.format(op.amountMinor()));
        e.put("balanceAfter", MoneyFormat.format(op.balanceAfterMinor()));
        e.put("currency", op.currency());
        e.put("orderId", op.orderId());
        e.put("reason", op.reason());
        e.put("at", op.at().toString());
        return e;
    }

    private static String money(long minor, String currency) {
        return MoneyFormat.format(minor) + " " + currency;
    }
}
