package com.shopbff.orders.saga;

import com.shopbff.orders.config.OrdersProperties;
import com.shopbff.orders.order.OrderStore;
import org.springframework.kafka.core.KafkaTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class SagaConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SagaConfiguration.class);

    @Bean
    OrderStore orderStore(MongoTemplate mongo, Clock clock) {
        return new OrderStore(mongo, clock);
    }

    @Bean
    OrderOutboxRelay orderOutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka) {
        return new OrderOutboxRelay(mongo, kafka);
    }

    @Bean
    CheckoutSaga checkoutSaga(OrderStore store, OrderOutboxRelay relay, OrdersProperties properties) {
        return new CheckoutSaga(store, id -> {
            try {
                relay.relay(id);
            } catch (RuntimeException e) {
                // The entries stay in the order's outbox; the sweeper sends them.
                log.warn("immediate relay of order {} failed, the sweep will retry: {}", id, e.toString());
            }
        }, properties);
    }
}
