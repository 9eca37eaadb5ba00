package com.shopbff.orders.saga;

import com.shopbff.orders.config.OrdersProperties;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.orders.promo.PromoCodeService;
import org.springframework.kafka.core.KafkaTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    /**
     * Relays right after each write, off the writing thread: a Kafka listener or HTTP thread does not wait for the
     * broker's acknowledgement. Per-order ordering is kept by the relay's per-order lock (each relay sends whatever is
     * pending, in outbox order). When the queue is full the writer relays itself, which slows intake instead of
     * piling up work.
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor orderRelayExecutor(OrdersProperties properties) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(properties.relayThreads(), properties.relayThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000), r -> Thread.ofPlatform().daemon().name("orders-relay-" + n.incrementAndGet()).unstarted(r),
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @Bean
    CheckoutSaga checkoutSaga(OrderStore store, OrderOutboxRelay relay, ThreadPoolExecutor orderRelayExecutor, OrdersProperties properties,
                              PromoCodeService promos) {
        return new CheckoutSaga(store, id -> orderRelayExecutor.execute(() -> {
            try {
                relay.relay(id);
            } catch (RuntimeException e) {
                // The entries stay in the order's outbox; the sweeper sends them.
                log.warn("immediate relay of order {} failed, the sweep will retry: {}", id, e.toString());
            }
        }), properties, order -> {
            // An order that was not sold gives its promo code use back (best effort: not atomic with the order write).
            if (order.promoCode() != null) promos.giveBack(order.promoCode());
        });
    }
}
