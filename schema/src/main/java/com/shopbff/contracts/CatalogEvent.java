package com.shopbff.contracts;

/** Events on {@link Topics#CATALOG_EVENTS}, keyed by product id. Orders keep a projection of them to price carts. */
public sealed interface CatalogEvent extends Message permits CatalogEvent.ProductChanged, CatalogEvent.StockChanged {
    String productId();

    @Override
    default String key() { return productId(); }

    /** Name, price (minor units) and whether the product is on sale; sent on create, update and delete. */
    record ProductChanged(String productId, String name, long priceMinor, String currency, boolean active, int stock)
            implements CatalogEvent {}

    /** Available stock after a change (adjustment, reservation, release, return). */
    record StockChanged(String productId, int stock) implements CatalogEvent {}
}
