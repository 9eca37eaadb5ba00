package com.shopbff.orders.promo;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * An admin-managed promo code ({@code _id} = upper-cased code): either a percentage or a fixed amount off the
 * subtotal, valid in [validFrom, validTo). {@code remainingUses} (null = unlimited) is decremented conditionally, so
 * the usage limit holds under concurrent checkouts without comparing two fields in a query.
 */
@Document(PromoCodeDocument.COLLECTION)
public record PromoCodeDocument(@Id String code, Integer percentOff, Long amountOffMinor, Instant validFrom, Instant validTo,
                                Integer usageLimit, Integer remainingUses, int timesUsed, Instant createdAt) {
    public static final String COLLECTION = "promo_codes";

    public long discountOn(long subtotalMinor) {
        long off = percentOff != null ? subtotalMinor * percentOff / 100 : amountOffMinor == null ? 0 : amountOffMinor;
        return Math.min(off, subtotalMinor);
    }

    public boolean validAt(Instant at) {
        return (validFrom == null || !at.isBefore(validFrom)) && (validTo == null || at.isBefore(validTo));
    }
}
