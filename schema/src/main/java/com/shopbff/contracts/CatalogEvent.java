package com.shopbff.contracts;

/**
 * Events on {@link Topics#CATALOG_EVENTS}, keyed by product id (pickup points by their id). Orders keep a projection
 * of them to price carts and check pickup points.
 */
public sealed interface CatalogEvent extends Message
        permits CatalogEvent.ProductChanged, CatalogEvent.StockChanged, CatalogEvent.PickupPointChanged {

    /**
     * Name, price (minor units), whether the product is on sale and its category's tax class; sent on create, update,
     * delete and when the category's tax class changes.
     *
     * @param taxClass "standard", or a reduced class such as "food"; null (from an older producer) = standard
     */
    record ProductChanged(String productId, String name, long priceMinor, String currency, boolean active, int stock,
                          String taxClass) implements CatalogEvent {
        public ProductChanged(String productId, String name, long priceMinor, String currency, boolean active, int stock) {
            this(productId, name, priceMinor, currency, active, stock, null);
        }

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
