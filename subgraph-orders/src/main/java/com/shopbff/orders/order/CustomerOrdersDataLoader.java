package com.shopbff.orders.order;

import com.netflix.graphql.dgs.DgsDataLoader;
import com.shopbff.orders.generated.types.OrderConnection;
import org.dataloader.MappedBatchLoader;
import org.springframework.data.mongodb.core.query.Criteria;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/** {@code Customer.orders} for every customer of a request with one query, paged in memory. */
@DgsDataLoader(name = CustomerOrdersDataLoader.NAME)
public class CustomerOrdersDataLoader implements MappedBatchLoader<CustomerOrdersDataLoader.Key, OrderConnection> {
    public static final String NAME = "ordersOfCustomer";
    private final OrderStore store;

    public record Key(String customerId, long offset, int pageSize) {}

    public CustomerOrdersDataLoader(OrderStore store) {
        this.store = store;
    }

    @Override
    public CompletionStage<Map<Key, OrderConnection>> load(Set<Key> keys) {
        Set<String> customers = keys.stream().map(Key::customerId).collect(Collectors.toSet());
        Map<String, List<OrderDocument>> byCustomer = store.find(Criteria.where("customerId").in(customers)).stream()
                .sorted(Comparator.comparing(OrderDocument::placedAt).thenComparing(OrderDocument::id).reversed())
                .collect(Collectors.groupingBy(OrderDocument::customerId));
        Map<Key, OrderConnection> result = new HashMap<>();
        for (Key key : keys) {
            List<OrderDocument> all = byCustomer.getOrDefault(key.customerId(), List.of());
            int from = (int) Math.min(key.offset(), all.size());
            int to = Math.min(all.size(), from + key.pageSize());
            result.put(key, OrderViews.connection(all.subList(from, to), key.offset(), key.pageSize(), all.size()));
        }
        return CompletableFuture.completedFuture(result);
    }
}
