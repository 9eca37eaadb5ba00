package com.shopbff.orders.pricing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * Delivery fees by country and tax rates ({@code shop.orders.pricing.*}), read once at start-up into a
 * {@link PricingPolicy}, which refuses to start on a malformed value with a message naming the property.
 * Amounts are decimal strings in the shop currency, rates percentages ("20", "5.5"), countries ISO 3166-1 alpha-2.
 *
 * @param freeDeliveryAbove goods after the promo discount at or above this: delivery to an address is free
 *                          (unset: never), unless the country sets its own threshold
 * @param deliveryCountries per-country fee and free-delivery threshold for delivery to an address
 * @param pricesIncludeTax  true: catalog prices and fees include the tax (the order shows the part that is tax);
 *                          false: tax is added on top at checkout
 * @param taxCountries      per-country standard rate and reduced rates by tax class; a country not listed pays no tax
 */
@ConfigurationProperties("shop.orders.pricing")
public record PricingProperties(String freeDeliveryAbove, Map<String, CountryDelivery> deliveryCountries,
                                Boolean pricesIncludeTax, Map<String, CountryTax> taxCountries) {
    public PricingProperties {
        if (deliveryCountries == null) deliveryCountries = Map.of();
        if (pricesIncludeTax == null) pricesIncludeTax = true;
        if (taxCountries == null) taxCountries = Map.of();
    }

    /** @param fee delivery fee to an address in this country; @param freeAbove its own free-delivery threshold */
    public record CountryDelivery(String fee, String freeAbove) {}

    /**
     * @param standard the standard rate, applied to the delivery fee and to goods of any class not listed in reduced
     * @param reduced  rate per tax class (the products' category's class, e.g. {@code food: 5})
     */
    public record CountryTax(String standard, Map<String, String> reduced) {
        public CountryTax {
            if (reduced == null) reduced = Map.of();
        }
    }
}
