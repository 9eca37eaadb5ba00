package com.shopbff.orders.checkout;

import com.shopbff.orders.cart.CartDocument;
import com.shopbff.orders.cart.CartService;
import com.shopbff.orders.config.OrdersProperties;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.orders.promo.PromoCodeService;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.concurrent.ThreadPoolExecutor;

/** The checkout saga and the relay of its orders' outbox. */
@Configuration(proxyBeanMethods = false)
public class CheckoutConfiguration {
    /**
     * Relays right after each write, off the writing thread: a Kafka listener or HTTP thread does not wait for the
     * broker's acknowledgement, and no relay thread waits for it either (decision 0022): the threads read and pull.
     * One order has one relay in flight at a time, all its pending entries in outbox order.
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
    CheckoutSaga checkoutSaga(OrderStore store, OutboxRelay orderOutboxRelay, OrdersProperties properties, PromoCodeService promos,
                              CartService carts, MeterRegistry meters) {
        // A failed send leaves the entries in the order's outbox; the saga sweeper sends them.
        return new CheckoutSaga(store, orderOutboxRelay::relayLater, properties, order -> {
            // An order that was not sold gives its promo code use back, and a FAILED one its lines to the cart the checkout
            // emptied (unless the customer has touched it since), so the customer can fix the cause and try again. Best effort: not atomic with
            // the order write (a crash in between loses the give-back, never the order).
            if (order.promoCode() != null) promos.giveBack(order.promoCode());
            if (order.status() == OrderStatus.FAILED && !order.anonymised() && order.cartVersion() != null)
                carts.giveBack(order.customerId(), order.cartVersion(), order.lines().stream()
                        .map(l -> new CartDocument.Line(l.productId(), l.quantity())).toList());
        }, new CheckoutMetrics(meters));
    }
}
