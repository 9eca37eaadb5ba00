package com.shopbff.wallet.graphql;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.shopbff.support.auth.Auth;
import com.shopbff.wallet.generated.DgsConstants.CUSTOMER;
import com.shopbff.wallet.generated.types.Customer;
import com.shopbff.wallet.generated.types.Wallet;
import org.dataloader.DataLoader;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The wallet's part of the {@code Customer} entity. {@code Customer.wallet} is null for anyone but the customer
 * themself and ADMIN (not FORBIDDEN), so that a query joining customers from other subgraphs still answers.
 */
@DgsComponent
public class CustomerDataFetcher {

    @DgsEntityFetcher(name = CUSTOMER.TYPE_NAME)
    public Customer customer(Map<String, Object> values) {
        return Customer.newBuilder().id(String.valueOf(values.get(CUSTOMER.Id))).build();
    }

    @DgsData(parentType = CUSTOMER.TYPE_NAME, field = CUSTOMER.Wallet)
    public CompletableFuture<Wallet> wallet(DgsDataFetchingEnvironment env) {
        Customer customer = env.getSource();
        if (!Auth.isSelfOrAdmin(env, customer.getId())) return CompletableFuture.completedFuture(null);
        DataLoader<String, Wallet> loader = env.getDataLoader(WalletDataLoader.class);
        return loader.load(customer.getId());
    }
}
