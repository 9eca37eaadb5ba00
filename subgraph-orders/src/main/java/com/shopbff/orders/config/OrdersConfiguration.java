package com.shopbff.orders.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OrdersProperties.class)
public class OrdersConfiguration {

    @Bean
    Clock ordersClock() {
        return Clock.systemUTC();
    }

    @Bean
    ShopCurrency shopCurrency(@Value("${shop.currency:USD}") String currency) {
        return new ShopCurrency(currency);
    }
}
