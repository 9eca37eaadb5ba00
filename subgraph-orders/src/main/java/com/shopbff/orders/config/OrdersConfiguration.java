package com.shopbff.orders.config;

import com.shopbff.orders.order.OrderStore;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
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
    OutboxRelay orderOutboxRelay(MongoTemplate mongo, MessagePublisher publisher) {
        return new OutboxRelay(mongo, publisher, OrderStore.COLLECTION);
    }

    @Bean
    ShopCurrency shopCurrency(@Value("${shop.currency:USD}") String currency) {
        return new ShopCurrency(currency);
    }
}
