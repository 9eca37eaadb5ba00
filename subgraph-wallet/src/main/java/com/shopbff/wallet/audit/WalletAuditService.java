package com.shopbff.wallet.audit;

import com.shopbff.wallet.ledger.LedgerRepository;
import com.shopbff.wallet.wallet.WalletOperations;
import com.shopbff.wallet.wallet.WalletRepository;
import com.shopbff.wallet.wallet.WalletState;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Recomputes balances from the ledger. One aggregation sums the ledger per wallet; a wallet that looks off is
 * checked again on its own, between two reads that see the same {@code seq}, so an operation in flight during the
 * audit is not reported as a mismatch.
 */
@Service
public class WalletAuditService {
    public static final int MAX_REPORTED = 100;
    private static final int RECHECKS = 5;

    private final WalletRepository wallets;
    private final LedgerRepository ledger;
    private final WalletOperations operations;

    public WalletAuditService(WalletRepository wallets, LedgerRepository ledger, WalletOperations operations) {
        this.wallets = wallets;
        this.ledger = ledger;
        this.operations = operations;
    }

    public record Mismatch(String walletId, String currency, long balanceMinor, long ledgerSumMinor) {}

    public record Report(int walletsChecked, List<Mismatch> mismatches, int mismatchCount) {}

    /** @param walletIds the wallets to check, or null for every wallet */
    public Report audit(Collection<String> walletIds) {
        List<WalletState> all = wallets.findAll(walletIds);
        for (WalletState w : all) operations.materialise(w);
        Map<String, Long> sums = ledger.sums(walletIds == null ? null : all.stream().map(WalletState::id).toList());
        List<Mismatch> mismatches = new ArrayList<>();
        for (WalletState w : all) {
            if (sums.getOrDefault(w.id(), 0L) == w.balanceMinor()) continue;
            Mismatch m = recheck(w.id());
            if (m != null) mismatches.add(m);
        }
        return new Report(all.size(), mismatches.subList(0, Math.min(MAX_REPORTED, mismatches.size())), mismatches.size());
    }

    private Mismatch recheck(String walletId) {
        for (int i = 0; i < RECHECKS; i++) {
            WalletState before = wallets.find(walletId).orElseThrow();
            operations.materialise(before);
            long sum = ledger.sums(List.of(walletId)).getOrDefault(walletId, 0L);
            WalletState after = wallets.find(walletId).orElseThrow();
            if (after.seq() != before.seq()) continue;
            return sum == before.balanceMinor() ? null : new Mismatch(walletId, before.currency(), before.balanceMinor(), sum);
        }
        // Never quiet during the checks: report what the last consistent-looking read gave rather than hide it.
        WalletState w = wallets.find(walletId).orElseThrow();
        long sum = ledger.sums(List.of(walletId)).getOrDefault(walletId, 0L);
        return sum == w.balanceMinor() ? null : new Mismatch(walletId, w.currency(), w.balanceMinor(), sum);
    }
}
