package com.shopbff.catalog.search;

import com.shopbff.catalog.product.ProductView;

import java.util.List;

/** One page of products with their cursors, whether more follow, and how many match in all. */
public record ProductSearchResult(List<Hit> hits, boolean hasNextPage, int totalCount) {
    public ProductSearchResult {
        hits = List.copyOf(hits);
    }

    public record Hit(ProductView product, String cursor) {}
}
