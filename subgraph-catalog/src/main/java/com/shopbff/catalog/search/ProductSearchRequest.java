package com.shopbff.catalog.search;

/**
 * One page of the storefront: filters (all optional), order and where the previous page ended.
 *
 * @param after the last row of the previous page, or null for the first page
 */
public record ProductSearchRequest(String search, String categoryId, Boolean inStock, Long minPrice, Long maxPrice,
                                   SortKey sortKey, boolean descending, SearchCursor after, int size) {

    public enum SortKey { NAME, PRICE, CREATED, RELEVANCE }
}
