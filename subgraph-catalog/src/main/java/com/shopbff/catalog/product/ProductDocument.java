package com.shopbff.catalog.product;

import com.shopbff.support.messaging.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A product in MongoDB, the source of truth. {@code stock} is what can still be sold (reservations already
 * deducted); {@code reserved} is held for orders not yet committed. {@code holds} and {@code returns} record which
 * orders moved this product's stock, so a repeated command finds its movement done instead of doing it twice.
 * {@code version} grows with every change, so the search index never replaces a newer state with an older one.
 * {@code outbox} holds the events announcing changes of this document until they reach Kafka.
 */
@Document(ProductDocument.COLLECTION)
public record ProductDocument(@Id String id, String name, String description, String categoryId, long priceMinor,
                              int stock, int reserved, List<String> images, boolean active, Instant createdAt,
                              Instant updatedAt, long version, List<StockHold> holds, List<String> returns,
                              List<OutboxEntry> outbox) {
    public static final String COLLECTION = "products";

    public ProductDocument {
        images = images == null ? List.of() : List.copyOf(images);
        holds = holds == null ? List.of() : List.copyOf(holds);
        returns = returns == null ? List.of() : List.copyOf(returns);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** Stock held for one order until it is committed or released. */
    public record StockHold(String orderId, int quantity) {}

    public boolean available() {
        return active && stock > 0;
    }
}
