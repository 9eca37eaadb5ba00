package com.shopbff.orders.pricing;

import java.util.List;

/**
 * What an order costs, in minor units. With prices including tax, {@code total = subtotal + deliveryFee - discount}
 * and the tax lines are the part of it that is tax; otherwise {@code total = subtotal + deliveryFee - discount +
 * taxTotal}. Either way {@code taxTotal} is the sum of the lines' amounts.
 */
public record PriceBreakdown(long subtotalMinor, long deliveryFeeMinor, long discountMinor, List<TaxLine> taxes,
                             long taxTotalMinor, boolean pricesIncludeTax, long totalMinor) {

    /**
     * The tax at one rate.
     *
     * @param taxClass      the tax classes charged at this rate, comma-separated ("standard", "food", "books,food")
     * @param rate          percent, e.g. "20" or "5.5"
     * @param taxableMinor  the amount the rate applies to, without the tax
     * @param amountMinor   the tax, rounded half up to the cent once for the whole line
     */
    public record TaxLine(String taxClass, String rate, long taxableMinor, long amountMinor) {}
}
