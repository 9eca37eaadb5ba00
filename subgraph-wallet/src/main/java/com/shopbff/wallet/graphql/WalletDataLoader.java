package com.shopbff.wallet.graphql;

import com.netflix.graphql.dgs.DgsDataLoader;
import com.shopbff.wallet.generated.types.Wallet;
import com.shopbff.wallet.wallet.WalletService;
import org.dataloader.MappedBatchLoader;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Wallets by customer id, one query per request however many customers the router resolves. */
@DgsDataLoader(name = "walletsByCustomer")
public class WalletDataLoader implements MappedBatchLoader<String, Wallet> {
    private final WalletService wallets;

    public WalletDataLoader(WalletService wallets) {
        this.wallets = wallets;
    }

    @Override
    public CompletionStage<Map<String, Wallet>> load(Set<String> customerIds) {
        Map<String, Wallet> result = new HashMap<>();
        wallets.openAll(customerIds).forEach((id, w) -> result.put(id, WalletGraph.wallet(w)));
        return CompletableFuture.completedFuture(result);
    }
}
