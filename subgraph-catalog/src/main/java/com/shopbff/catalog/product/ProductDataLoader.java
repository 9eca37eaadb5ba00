package com.shopbff.catalog.product;

import com.netflix.graphql.dgs.DgsDataLoader;
import org.dataloader.MappedBatchLoader;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Products by id from MongoDB, a whole batch in one query: federation {@code _entities} (order lines of many orders)
 * and {@code product(id)}. Deleted (inactive) products are found too, for old orders.
 */
@DgsDataLoader(name = ProductDataLoader.NAME)
public class ProductDataLoader implements MappedBatchLoader<String, ProductView> {
    public static final String NAME = "products";
    private final ProductRepository products;

    public ProductDataLoader(ProductRepository products) {
        this.products = products;
    }

    @Override
    public CompletionStage<Map<String, ProductView>> load(Set<String> ids) {
        return CompletableFuture.completedFuture(products.findByIds(ids).stream()
                .collect(Collectors.toMap(ProductDocument::id, ProductView::of, (a, b) -> a)));
    }
}
