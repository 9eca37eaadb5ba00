package com.shopbff.orders.pricing;

import com.shopbff.support.money.MoneyFormat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The validated pricing configuration: fees in minor units, rates as exact decimals. Built once at start-up; every
 * malformed value is an {@link IllegalStateException} naming the property, so a bad tax table stops the subgraph
 * instead of charging wrong amounts.
 */
public final class PricingPolicy {
    public static final String STANDARD = "standard";
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern TAX_CLASS = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final long addressFeeMinor;
    private final long pickupFeeMinor;
    private final Long freeAboveMinor;
    private final Map<String, Delivery> deliveryByCountry;
    private final boolean pricesIncludeTax;
    private final Map<String, Rates> taxByCountry;

    record Delivery(long feeMinor, Long freeAboveMinor) {}

    /** A country's rates: standard, and reduced per tax class. */
    public record Rates(BigDecimal standard, Map<String, BigDecimal> reduced) {
        public BigDecimal rateOf(String taxClass) {
            return taxClass == null ? standard : reduced.getOrDefault(taxClass, standard);
        }
    }

    public PricingPolicy(String addressFee, String pickupFee, PricingProperties p) {
        this.addressFeeMinor = amount("shop.orders.delivery-fee", addressFee);
        this.pickupFeeMinor = amount("shop.orders.pickup-fee", pickupFee);
        this.freeAboveMinor = p.freeDeliveryAbove() == null || p.freeDeliveryAbove().isBlank() ? null
                : amount("shop.orders.pricing.free-delivery-above", p.freeDeliveryAbove());
        Map<String, Delivery> delivery = new TreeMap<>();
        p.deliveryCountries().forEach((country, d) -> {
            String where = "shop.orders.pricing.delivery-countries." + country;
            String cc = country(where, country);
            if (d == null || d.fee() == null) throw bad(where + ".fee", "is required");
            Long free = d.freeAbove() == null || d.freeAbove().isBlank() ? freeAboveMinor : Long.valueOf(amount(where + ".free-above", d.freeAbove()));
            delivery.put(cc, new Delivery(amount(where + ".fee", d.fee()), free));
        });
        this.deliveryByCountry = Map.copyOf(delivery);
        this.pricesIncludeTax = p.pricesIncludeTax();
        Map<String, Rates> tax = new TreeMap<>();
        p.taxCountries().forEach((country, t) -> {
            String where = "shop.orders.pricing.tax-countries." + country;
            String cc = country(where, country);
            if (t == null || t.standard() == null) throw bad(where + ".standard", "is required (the standard rate in percent)");
            Map<String, BigDecimal> reduced = new LinkedHashMap<>();
            t.reduced().forEach((taxClass, rate) -> {
                if (!TAX_CLASS.matcher(taxClass).matches())
                    throw bad(where + ".reduced." + taxClass, "names a tax class that is not lower-case letters, digits and '-' (1 to 32)");
                if (taxClass.equals(STANDARD)) throw bad(where + ".reduced.standard", "'standard' is the standard rate: set " + where + ".standard");
                reduced.put(taxClass, rate(where + ".reduced." + taxClass, rate));
            });
            tax.put(cc, new Rates(rate(where + ".standard", t.standard()), Map.copyOf(reduced)));
        });
        this.taxByCountry = Map.copyOf(tax);
    }

    /** ISO country code as the policy knows it: trimmed and upper-cased ("gb " → "GB"). */
    public static String normaliseCountry(String country) {
        return country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
    }

    public static boolean isTaxClass(String taxClass) {
        return taxClass != null && TAX_CLASS.matcher(taxClass).matches();
    }

    public boolean pricesIncludeTax() {
        return pricesIncludeTax;
    }

    public long pickupFeeMinor() {
        return pickupFeeMinor;
    }

    /** The fee for delivery to an address in {@code country} for goods worth {@code goodsAfterDiscountMinor}. */
    public long addressFeeMinor(String country, long goodsAfterDiscountMinor) {
        Delivery d = deliveryByCountry.get(normaliseCountry(country));
        long fee = d == null ? addressFeeMinor : d.feeMinor();
        Long freeAbove = d == null ? freeAboveMinor : d.freeAboveMinor();
        return freeAbove != null && goodsAfterDiscountMinor >= freeAbove ? 0 : fee;
    }

    /** The tax rates of {@code country}; empty when the shop charges no tax there. */
    public Optional<Rates> rates(String country) {
        return Optional.ofNullable(taxByCountry.get(normaliseCountry(country)));
    }

    private static String country(String where, String country) {
        String cc = country == null ? "" : country.strip();
        if (!COUNTRY.matcher(cc).matches())
            throw bad(where, "'" + country + "' is not an ISO 3166-1 alpha-2 country code in capitals (e.g. GB, DE)");
        return cc;
    }

    private static long amount(String property, String value) {
        return MoneyFormat.parse(value).filter(v -> v >= 0)
                .orElseThrow(() -> bad(property, "'" + value + "' is not a non-negative amount with at most two decimals (e.g. 4.90)"));
    }

    private static BigDecimal rate(String property, String value) {
        try {
            BigDecimal r = new BigDecimal(value.strip());
            if (r.signum() < 0 || r.compareTo(HUNDRED) >= 0 || r.scale() > 3)
                throw bad(property, "'" + value + "' must be a percentage from 0 to below 100 with at most 3 decimals");
            return r.stripTrailingZeros().scale() < 0 ? r.setScale(0) : r.stripTrailingZeros();
        } catch (NumberFormatException | NullPointerException e) {
            throw bad(property, "'" + value + "' is not a number (a percentage such as 20 or 5.5)");
        }
    }

    private static IllegalStateException bad(String property, String problem) {
        return new IllegalStateException("invalid pricing configuration: " + property + " " + problem);
    }
}
