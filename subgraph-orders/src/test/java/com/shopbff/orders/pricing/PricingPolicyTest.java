package com.shopbff.orders.pricing;

import com.shopbff.orders.config.OrdersConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A malformed pricing configuration stops the subgraph at start-up, naming the property and the problem. */
class PricingPolicyTest {

    private static PricingPolicy policy(Map<String, PricingProperties.CountryTax> tax) {
        return new PricingPolicy("2.50", "0.00", new PricingProperties(null, Map.of(), true, tax));
    }

    @Test
    void badRatesCountriesAndClassesAreRefusedWithTheProperty() {
        assertThatThrownBy(() -> policy(Map.of("GB", new PricingProperties.CountryTax("120", Map.of()))))
                .hasMessageContaining("shop.orders.pricing.tax-countries.GB.standard").hasMessageContaining("below 100");
        assertThatThrownBy(() -> policy(Map.of("GB", new PricingProperties.CountryTax("twenty", Map.of()))))
                .hasMessageContaining("tax-countries.GB.standard 'twenty' is not a number");
        assertThatThrownBy(() -> policy(Map.of("Britain", new PricingProperties.CountryTax("20", Map.of()))))
                .hasMessageContaining("tax-countries.Britain 'Britain' is not an ISO 3166-1 alpha-2 country code");
        assertThatThrownBy(() -> policy(Map.of("GB", new PricingProperties.CountryTax(null, Map.of()))))
                .hasMessageContaining("tax-countries.GB.standard is required");
        assertThatThrownBy(() -> policy(Map.of("GB", new PricingProperties.CountryTax("20", Map.of("Food", "5")))))
                .hasMessageContaining("tax-countries.GB.reduced.Food names a tax class");
        assertThatThrownBy(() -> policy(Map.of("GB", new PricingProperties.CountryTax("20", Map.of("food", "-1")))))
                .hasMessageContaining("tax-countries.GB.reduced.food '-1' must be a percentage");
        assertThatThrownBy(() -> new PricingPolicy("2.50", "0.00", new PricingProperties("lots", Map.of(), true, Map.of())))
                .hasMessageContaining("shop.orders.pricing.free-delivery-above 'lots' is not a non-negative amount");
        assertThatThrownBy(() -> new PricingPolicy("2.50", "0.00", new PricingProperties(null,
                Map.of("DE", new PricingProperties.CountryDelivery("4.999", null)), true, Map.of())))
                .hasMessageContaining("delivery-countries.DE.fee '4.999'");
    }

    @Test
    void theSubgraphDoesNotStartOnABadTaxRate() {
        new ApplicationContextRunner()
                .withUserConfiguration(OrdersConfiguration.class, PricingConfiguration.class)
                .withPropertyValues("shop.orders.pricing.tax-countries.GB.standard=100")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("invalid pricing configuration: shop.orders.pricing.tax-countries.GB.standard '100'");
                });
        new ApplicationContextRunner()
                .withUserConfiguration(OrdersConfiguration.class, PricingConfiguration.class)
                .withPropertyValues("shop.orders.pricing.tax-countries.GB.standard=20", "shop.orders.pricing.tax-countries.GB.reduced.food=5")
                .run(context -> assertThat(context.getBean(PricingPolicy.class).rates("GB").orElseThrow().rateOf("food")).isEqualByComparingTo("5"));
    }
}
