package com.shopbff.orders.pricing;

import com.shopbff.orders.pricing.PriceCalculator.Destination;
import com.shopbff.orders.pricing.PriceCalculator.Goods;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The pricing rules of the orders README, one behaviour per test; amounts in cents. */
class PriceCalculatorTest {

    private static PriceCalculator calculator(boolean inclusive, String freeAbove, Map<String, PricingProperties.CountryDelivery> delivery) {
        var tax = Map.of(
                "GB", new PricingProperties.CountryTax("20", Map.of("food", "0")),
                "DE", new PricingProperties.CountryTax("19", Map.of("food", "7")),
                "FR", new PricingProperties.CountryTax("20", Map.of("food", "5.5", "books", "5.5")));
        return new PriceCalculator(new PricingPolicy("2.50", "0.00", new PricingProperties(freeAbove, delivery, inclusive, tax)));
    }

    private static final PriceCalculator INCLUSIVE = calculator(true, null, Map.of());
    private static final PriceCalculator EXCLUSIVE = calculator(false, null, Map.of());

    @Test
    void inclusivePricesShowTheTaxPartPerRateAndKeepTheTotal() {
        // DE: 10.00 standard goods + 5.00 food + 2.50 delivery (standard rate)
        PriceBreakdown p = INCLUSIVE.price(List.of(new Goods(1000, null), new Goods(500, "food")), "DE", Destination.ADDRESS, 0);
        assertThat(p.totalMinor()).isEqualTo(1750);
        assertThat(p.taxes()).containsExactly(
                // 1250 * 19/119 = 199.58 -> 200
                new PriceBreakdown.TaxLine("standard", "19", 1050, 200),
                // 500 * 7/107 = 32.71 -> 33
                new PriceBreakdown.TaxLine("food", "7", 467, 33));
        assertThat(p.taxTotalMinor()).isEqualTo(233);
    }

    @Test
    void exclusivePricesAddTheTaxOnTop() {
        PriceBreakdown p = EXCLUSIVE.price(List.of(new Goods(1000, null), new Goods(500, "food")), "DE", Destination.ADDRESS, 0);
        // standard: (1000 + 250) * 19% = 237.5 -> 238 (half up); food: 500 * 7% = 35
        assertThat(p.taxes()).containsExactly(new PriceBreakdown.TaxLine("standard", "19", 1250, 238),
                new PriceBreakdown.TaxLine("food", "7", 500, 35));
        assertThat(p.totalMinor()).isEqualTo(1000 + 500 + 250 + 238 + 35);
        assertThat(p.pricesIncludeTax()).isFalse();
    }

    @Test
    void theDiscountIsSpreadOverTheRatesInProportionToTheirGoods() {
        // 3.00 off 6.00 standard + 3.00 food: 2.00 off standard, 1.00 off food
        PriceBreakdown p = EXCLUSIVE.price(List.of(new Goods(600, null), new Goods(300, "food")), "DE", Destination.PICKUP, 300);
        assertThat(p.taxes()).containsExactly(new PriceBreakdown.TaxLine("standard", "19", 400, 76),
                new PriceBreakdown.TaxLine("food", "7", 200, 14));
        assertThat(p.totalMinor()).isEqualTo(900 - 300 + 76 + 14);
    }

    @Test
    void aDiscountCentThatDoesNotSplitEvenlyGoesToTheLargestRemainder() {
        // 1 cent off 1.00 + 1.00 + 1.00 at three rates: exactly one group gets it, none gets a fraction
        var parts = PriceCalculator.spread(1, Map.of(new java.math.BigDecimal("20"), 100L, new java.math.BigDecimal("5.5"), 100L,
                new java.math.BigDecimal("0"), 100L), 300);
        assertThat(parts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        assertThat(parts.get(new java.math.BigDecimal("20"))).as("ties: the higher rate first").isEqualTo(1);
    }

    @Test
    void classesAtTheSameRateShareOneLine() {
        PriceBreakdown p = INCLUSIVE.price(List.of(new Goods(1055, "food"), new Goods(1055, "books")), "FR", Destination.PICKUP, 0);
        assertThat(p.taxes()).hasSize(1);
        assertThat(p.taxes().getFirst().taxClass()).isEqualTo("books,food");
        assertThat(p.taxes().getFirst().rate()).isEqualTo("5.5");
        // 2110 * 5.5 / 105.5 = 110
        assertThat(p.taxes().getFirst().amountMinor()).isEqualTo(110);
    }

    @Test
    void anUnknownTaxClassPaysTheStandardRateAndAZeroRateStillShowsItsLine() {
        PriceBreakdown p = INCLUSIVE.price(List.of(new Goods(1200, "toys"), new Goods(300, "food")), "gb ", Destination.PICKUP, 0);
        assertThat(p.taxes()).containsExactly(new PriceBreakdown.TaxLine("standard", "20", 1000, 200),
                new PriceBreakdown.TaxLine("food", "0", 300, 0));
    }

    @Test
    void aCountryWithoutTaxesHasNoTaxLines() {
        PriceBreakdown p = EXCLUSIVE.price(List.of(new Goods(1000, null)), "US", Destination.ADDRESS, 0);
        assertThat(p.taxes()).isEmpty();
        assertThat(p.taxTotalMinor()).isZero();
        assertThat(p.totalMinor()).isEqualTo(1250);
    }

    @Test
    void deliveryIsFreeFromTheThresholdAfterTheDiscountAndCountriesHaveTheirOwnFees() {
        PriceCalculator c = calculator(true, "50.00", Map.of("DE", new PricingProperties.CountryDelivery("4.90", "80.00")));
        assertThat(c.price(List.of(new Goods(5000, null)), "GB", Destination.ADDRESS, 0).deliveryFeeMinor()).isZero();
        assertThat(c.price(List.of(new Goods(5000, null)), "GB", Destination.ADDRESS, 1).deliveryFeeMinor()).as("below after discount").isEqualTo(250);
        assertThat(c.price(List.of(new Goods(5000, null)), "DE", Destination.ADDRESS, 0).deliveryFeeMinor()).isEqualTo(490);
        assertThat(c.price(List.of(new Goods(8000, null)), "DE", Destination.ADDRESS, 0).deliveryFeeMinor()).isZero();
        assertThat(c.price(List.of(new Goods(100, null)), "DE", Destination.PICKUP, 0).deliveryFeeMinor()).isZero();
    }

    @Test
    void taxLinesAlwaysAddUpToTheTotalToTheCent() {
        Random random = new Random(18);
        String[] classes = {null, "food", "books", "toys"};
        String[] countries = {"GB", "DE", "FR", "US"};
        for (PriceCalculator c : List.of(INCLUSIVE, EXCLUSIVE, calculator(false, "30.00", Map.of()))) {
            for (int i = 0; i < 5_000; i++) {
                List<Goods> goods = new ArrayList<>();
                for (int n = 1 + random.nextInt(6); n > 0; n--)
                    goods.add(new Goods((1 + random.nextInt(9_999)) * (1 + random.nextInt(5)), classes[random.nextInt(classes.length)]));
                long subtotal = goods.stream().mapToLong(Goods::lineTotalMinor).sum();
                long discount = random.nextBoolean() ? 0 : random.nextLong(subtotal + 1);
                PriceBreakdown p = c.price(goods, countries[random.nextInt(countries.length)],
                        random.nextBoolean() ? Destination.ADDRESS : Destination.PICKUP, discount);
                long lines = p.taxes().stream().mapToLong(PriceBreakdown.TaxLine::amountMinor).sum();
                long taxable = p.taxes().stream().mapToLong(PriceBreakdown.TaxLine::taxableMinor).sum();
                assertThat(lines).isEqualTo(p.taxTotalMinor());
                long charged = p.subtotalMinor() + p.deliveryFeeMinor() - p.discountMinor();
                if (p.pricesIncludeTax()) {
                    assertThat(p.totalMinor()).isEqualTo(charged);
                    if (!p.taxes().isEmpty()) assertThat(taxable + lines).isEqualTo(charged);
                } else {
                    assertThat(p.totalMinor()).isEqualTo(charged + lines);
                    if (!p.taxes().isEmpty()) assertThat(taxable + lines).isEqualTo(p.totalMinor());
                }
                assertThat(p.taxes()).allSatisfy(t -> assertThat(t.amountMinor()).isNotNegative());
            }
        }
    }
}
