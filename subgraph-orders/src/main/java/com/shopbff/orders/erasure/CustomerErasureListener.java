package com.shopbff.orders.erasure;

import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.orders.cart.CartService;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.support.messaging.ProcessedMessages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A deleted customer's data in this subgraph: their orders are anonymised (kept for the shop's books) and their cart
 * removed. The projection of their saved addresses is dropped by the projection listener itself, in order with the
 * address book's own events. Idempotent: anonymising twice and deleting a missing cart change nothing.
 */
@Component
public class CustomerErasureListener {
    static final String CONSUMER = "orders-erasure";
    private static final Logger log = LoggerFactory.getLogger(CustomerErasureListener.class);
    private final OrderStore orders;
    private final CartService carts;
    private final ProcessedMessages processed;

    public CustomerErasureListener(OrderStore orders, CartService carts, ProcessedMessages processed) {
        this.orders = orders;
        this.carts = carts;
        this.processed = processed;
    }

    @KafkaListener(id = "orders-erasure", groupId = "${spring.kafka.consumer.group-id:subgraph-orders}-erasure",
            topics = Topics.CUSTOMER_EVENTS)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        InboundMessages.handle(record, envelope -> {
            if (!(envelope.payload() instanceof CustomerEvent.CustomerDeleted deleted)) return;
            if (processed.alreadyProcessed(CONSUMER, envelope.eventId())) return;
            long n = orders.anonymiseCustomer(deleted.customerId());
            carts.delete(deleted.customerId());
            processed.markProcessed(CONSUMER, envelope.eventId());
            log.info("customer {} deleted: {} orders anonymised, cart removed", deleted.customerId(), n);
        });
    }
}
