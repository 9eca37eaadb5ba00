package com.shopbff.orders.checkout;

import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.support.messaging.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Crash recovery and timeouts, every {@code shop.orders.saga.sweep-interval}: relays outbox entries a crash left
 * behind, and compensates saga steps whose reply did not come in time. Safe on every instance at once: each
 * timeout is a conditional update, so only one instance wins it.
 */
@Component
public class SagaSweeper {
    private static final Logger log = LoggerFactory.getLogger(SagaSweeper.class);
    private final OrderStore store;
    private final CheckoutSaga saga;
    private final OutboxRelay relay;

    public SagaSweeper(OrderStore store, CheckoutSaga saga, OutboxRelay relay) {
        this.store = store;
        this.saga = saga;
        this.relay = relay;
    }

    @Scheduled(fixedDelayString = "${shop.orders.saga.sweep-interval:1s}", initialDelayString = "${shop.orders.saga.sweep-interval:1s}")
    public void sweep() {
        try {
            for (OrderDocument overdue : store.overdue(store.now())) {
                log.info("order {} timed out in {}", overdue.id(), overdue.status());
                saga.onTimeout(overdue.id());
            }
            relay.relayAll();
        } catch (RuntimeException e) {
            log.warn("saga sweep failed, will retry: {}", e.toString());
        }
    }
}
