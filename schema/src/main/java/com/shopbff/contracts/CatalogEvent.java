package com.shopbff.contracts;

/**
 * Events on {@link Topics#CATALOG_EVENTS}, keyed by product id (pickup points by their id). Orders keep a projection
 * of them to price carts and check pickup points.
 */
public sealed interface CatalogEvent extends Message
        permits CatalogEvent.ProductChanged, CatalogEvent.StockChanged, CatalogEvent.PickupPointChanged {

    /** Name, price (minor units) and whether the product is on sale; sent on create, update and delete. */
    record ProductChanged(String productId, String name, long priceMinor, String currency, boolean active, int stock)
            implements CatalogEvent {
        @Override
        public String key() { return productId; }
    }

    /** Available stock after a change (adjustment, reservation, release, return). */
    record StockChanged(String productId, int stock) implements CatalogEvent {
        @Override
        public String key() { return productId; }
    }

    /** A warehouse pickup point was created or changed. */
    record PickupPointChanged(String pickupPointId, String name, String line1, String line2, String city, String postalCode,
                              String country, boolean active) implements CatalogEvent {
        @Override
        public String key() { return pickupPointId; }
    }
}
