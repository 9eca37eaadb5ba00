package com.shopbff.wallet.graphql;

import com.netflix.graphql.dgs.DgsDataLoader;
import com.shopbff.wallet.ledger.LedgerRepository;
import com.shopbff.wallet.ledger.Op;
import com.shopbff.wallet.wallet.WalletService;
import com.shopbff.wallet.wallet.WalletState;
import org.dataloader.MappedBatchLoader;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Transaction pages of every wallet in a request, in one ledger query. */
@DgsDataLoader(name = "walletTransactions")
public class WalletTransactionsDataLoader implements MappedBatchLoader<WalletTransactionsDataLoader.Page, List<Op>> {

    /** Entries {@code [from, to)} of the wallet as read in {@code state}. */
    public record Page(WalletState state, long fromEntryNo, long toEntryNo) {
        LedgerRepository.Range range() {
            return new LedgerRepository.Range(state.id(), fromEntryNo, toEntryNo);
        }
    }

    private final WalletService wallets;

    public WalletTransactionsDataLoader(WalletService wallets) {
        this.wallets = wallets;
    }

    @Override
    public CompletionStage<Map<Page, List<Op>>> load(Set<Page> pages) {
        Map<LedgerRepository.Range, List<Op>> byRange = wallets.transactions(
                pages.stream().map(Page::state).toList(), pages.stream().map(Page::range).toList());
        Map<Page, List<Op>> result = new HashMap<>();
        for (Page p : pages) result.put(p, byRange.getOrDefault(p.range(), List.of()));
        return CompletableFuture.completedFuture(result);
    }
}
