package com.shopbff.orders.projection;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * What orders knows about a catalog product, from {@code ProductChanged} / {@code StockChanged} on catalog.events:
 * price, stock (the cart refuses more than it) and tax class (null = standard).
 */
@Document(ProductView.COLLECTION)
public record ProductView(@Id String id, String name, long priceMinor, String currency, boolean active, int stock,
                          String taxClass, Instant updatedAt) {
    public static final String COLLECTION = "product_projection";
}
