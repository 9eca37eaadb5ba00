package com.shopbff.orders.order;

import com.netflix.graphql.dgs.DgsDataLoader;
import org.dataloader.MappedBatchLoader;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Orders by id, one query per request: answers {@code _entities} for Order. */
@DgsDataLoader(name = OrderDataLoader.NAME)
public class OrderDataLoader implements MappedBatchLoader<String, OrderDocument> {
    public static final String NAME = "ordersById";
    private final OrderStore store;

    public OrderDataLoader(OrderStore store) {
        this.store = store;
    }

    @Override
    public CompletionStage<Map<String, OrderDocument>> load(Set<String> ids) {
        return CompletableFuture.completedFuture(store.findAll(ids).stream()
                .collect(Collectors.toMap(OrderDocument::id, Function.identity())));
    }
}
