package com.shopbff.orders.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prices goods for one destination: delivery fee, promo discount, taxes. Pure arithmetic on minor units, no I/O.
 *
 * <p>Rounding rules (documented in the orders README and tested by {@code PriceCalculatorTest}):
 * <ol>
 *   <li>Goods are grouped by the rate that applies to their tax class; the delivery fee is taxed at the standard rate.</li>
 *   <li>The promo discount is spread over the rate groups in proportion to their goods, in whole cents, the cents left
 *       by rounding down going to the groups with the largest remainders (ties: the higher rate first), so the
 *       parts add up to the discount exactly.</li>
 *   <li>Each rate's tax is computed once on its whole base and rounded half up to the cent:
 *       inclusive {@code base × r / (100 + r)}, exclusive {@code base × r / 100}. No per-line rounding, so the tax
 *       lines add up to the tax total, and subtotal + fee − discount (+ tax when exclusive) to the total, to the cent.</li>
 * </ol>
 */
public final class PriceCalculator {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PricingPolicy policy;

    public PriceCalculator(PricingPolicy policy) {
        this.policy = policy;
    }

    /** One line of goods: its total (unit price × quantity) and its tax class (null = standard). */
    public record Goods(long lineTotalMinor, String taxClass) {}

    public enum Destination { ADDRESS, PICKUP }

    /**
     * @param discountMinor the promo discount on the goods (at most their subtotal)
     */
    public PriceBreakdown price(List<Goods> goods, String country, Destination destination, long discountMinor) {
        long subtotal = goods.stream().mapToLong(Goods::lineTotalMinor).sum();
        long discount = Math.max(0, Math.min(discountMinor, subtotal));
        long fee = destination == Destination.PICKUP ? policy.pickupFeeMinor() : policy.addressFeeMinor(country, subtotal - discount);
        boolean inclusive = policy.pricesIncludeTax();
        var rates = policy.rates(country);
        if (rates.isEmpty()) return new PriceBreakdown(subtotal, fee, discount, List.of(), 0, inclusive, subtotal + fee - discount);

        // rate -> goods at that rate, and the classes charged at it
        Map<BigDecimal, Long> goodsByRate = new TreeMap<>(Comparator.reverseOrder());
        Map<BigDecimal, TreeSet<String>> classesByRate = new TreeMap<>(Comparator.reverseOrder());
        for (Goods g : goods) {
            String taxClass = g.taxClass() == null || g.taxClass().isBlank() ? PricingPolicy.STANDARD : g.taxClass();
            BigDecimal rate = rates.get().rateOf(taxClass);
            goodsByRate.merge(rate, g.lineTotalMinor(), Long::sum);
            classesByRate.computeIfAbsent(rate, r -> new TreeSet<>())
                    .add(rate.equals(rates.get().standard()) ? PricingPolicy.STANDARD : taxClass);
        }
        Map<BigDecimal, Long> discountByRate = spread(discount, goodsByRate, subtotal);
        Map<BigDecimal, Long> base = new TreeMap<>(Comparator.reverseOrder());
        goodsByRate.forEach((rate, amount) -> base.put(rate, amount - discountByRate.getOrDefault(rate, 0L)));
        if (fee > 0) {
            BigDecimal standard = rates.get().standard();
            base.merge(standard, fee, Long::sum);
            classesByRate.computeIfAbsent(standard, r -> new TreeSet<>()).add(PricingPolicy.STANDARD);
        }

        List<PriceBreakdown.TaxLine> lines = new ArrayList<>();
        long taxTotal = 0;
        for (var e : base.entrySet()) {
            BigDecimal rate = e.getKey();
            long amount = e.getValue();
            if (amount <= 0) continue;
            BigDecimal divisor = inclusive ? HUNDRED.add(rate) : HUNDRED;
            long tax = BigDecimal.valueOf(amount).multiply(rate).divide(divisor, 0, RoundingMode.HALF_UP).longValueExact();
            long taxable = inclusive ? amount - tax : amount;
            lines.add(new PriceBreakdown.TaxLine(String.join(",", classesByRate.get(rate)), rate.toPlainString(), taxable, tax));
            taxTotal += tax;
        }
        long total = subtotal + fee - discount + (inclusive ? 0 : taxTotal);
        return new PriceBreakdown(subtotal, fee, discount, List.copyOf(lines), taxTotal, inclusive, total);
    }

    /** {@code amount} split over the groups in proportion to their weight, largest remainder, summing exactly. */
    static Map<BigDecimal, Long> spread(long amount, Map<BigDecimal, Long> weights, long totalWeight) {
        Map<BigDecimal, Long> parts = new TreeMap<>(Comparator.reverseOrder());
        if (amount == 0 || totalWeight == 0) return parts;
        record Rest(BigDecimal key, long remainder) {}
        List<Rest> rests = new ArrayList<>();
        long given = 0;
        for (var e : weights.entrySet()) {
            long product = Math.multiplyExact(amount, e.getValue());
            long part = product / totalWeight;
            parts.put(e.getKey(), part);
            rests.add(new Rest(e.getKey(), product % totalWeight));
            given += part;
        }
        rests.sort(Comparator.comparingLong(Rest::remainder).reversed().thenComparing(Rest::key, Comparator.reverseOrder()));
        for (int i = 0; given < amount; i++, given++) parts.merge(rests.get(i % rests.size()).key(), 1L, Long::sum);
        return parts;
    }
}
