package com.shopbff.orders.pricing;

import com.shopbff.orders.config.OrdersProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PricingProperties.class)
public class PricingConfiguration {

    /** Validated at start-up: a malformed fee or tax rate stops the subgraph with a message naming the property. */
    @Bean
    PricingPolicy pricingPolicy(OrdersProperties orders, PricingProperties pricing) {
        return new PricingPolicy(orders.deliveryFee(), orders.pickupFee(), pricing);
    }

    @Bean
    PriceCalculator priceCalculator(PricingPolicy policy) {
        return new PriceCalculator(policy);
    }
}
