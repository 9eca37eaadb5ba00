package com.shopbff.customer.account;

import com.netflix.graphql.dgs.DgsDataLoader;
import com.shopbff.customer.generated.types.Customer;
import org.dataloader.MappedBatchLoader;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Customers by id, one database query per batch (entity references from other subgraphs, me, customer(id)). Erased
 * customers load as the anonymised customer ({@link CustomerMapper#erased}).
 */
@DgsDataLoader(name = CustomerDataLoader.NAME)
public class CustomerDataLoader implements MappedBatchLoader<String, Customer> {
    public static final String NAME = "customersById";
    private final CustomerRepository customers;

    public CustomerDataLoader(CustomerRepository customers) {
        this.customers = customers;
    }

    @Override
    public CompletionStage<Map<String, Customer>> load(Set<String> ids) {
        return CompletableFuture.completedFuture(customers.findAllIncludingErased(ids).stream()
                .collect(Collectors.toMap(CustomerDocument::id, CustomerMapper::toApi, (a, b) -> a)));
    }
}
