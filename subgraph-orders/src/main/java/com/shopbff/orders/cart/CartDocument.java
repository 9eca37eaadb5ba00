package com.shopbff.orders.cart;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/** One cart per customer ({@code _id} = customer id); {@code version} makes each change a compare-and-set. */
@Document(CartDocument.COLLECTION)
public record CartDocument(@Id String customerId, long version, List<Line> lines, Instant updatedAt) {
    public static final String COLLECTION = "carts";

    public record Line(String productId, int quantity) {}
}
