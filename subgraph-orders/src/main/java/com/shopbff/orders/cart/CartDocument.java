package com.shopbff.orders.cart;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One cart per customer ({@code _id} = customer id), or a guest's ({@code _id} = {@code guest-<sha256 of its token>},
 * {@code guest} true); {@code version} makes each change a compare-and-set.
 *
 * @param merged the guest carts already merged into this one (the last few), so a repeated merge adds nothing
 */
@Document(CartDocument.COLLECTION)
public record CartDocument(@Id String customerId, long version, List<Line> lines, Instant updatedAt, Boolean guest,
                           List<String> merged) {
    public static final String COLLECTION = "carts";

    public CartDocument(String customerId, long version, List<Line> lines, Instant updatedAt) {
        this(customerId, version, lines, updatedAt, GuestCartTokens.isGuestCartId(customerId), List.of());
    }

    public List<String> mergedOrNone() {
        return merged == null ? List.of() : merged;
    }

    public record Line(String productId, int quantity) {}
}
