package com.shopbff.orders.checkout;

import com.shopbff.orders.config.OrdersProperties;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.orders.promo.PromoCodeService;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.concurrent.ThreadPoolExecutor;

/** The checkout saga and the relay of its orders' outbox. */
@Configuration(proxyBeanMethods = false)
public class CheckoutConfiguration {
    /**
     * Relays right after each write, off the writing thread: a Kafka listener or HTTP thread does not wait for the
     * broker's acknowledgement. One order is relayed by one thread at a time, all its pending entries in outbox order.
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor orderRelayExecutor(OrdersProperties properties) {
        return OutboxRelay.newExecutor("orders-relay", properties.relayThreads());
    }

    @Bean
    OutboxRelay orderOutboxRelay(MongoTemplate mongo, MessagePublisher publisher, ThreadPoolExecutor orderRelayExecutor) {
        return new OutboxRelay(mongo, publisher, OrderStore.COLLECTION, orderRelayExecutor);
    }

    @Bean
    CheckoutSaga checkoutSaga(OrderStore store, OutboxRelay orderOutboxRelay, OrdersProperties properties, PromoCodeService promos) {
        // A failed send leaves the entries in the order's outbox; the saga sweeper sends them.
        return new CheckoutSaga(store, orderOutboxRelay::relayLater, properties, order -> {
            // An order that was not sold gives its promo code use back (best effort: not atomic with the order write).
            if (order.promoCode() != null) promos.giveBack(order.promoCode());
        });
    }
}
