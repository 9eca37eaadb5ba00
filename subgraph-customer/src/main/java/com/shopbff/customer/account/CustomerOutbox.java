package com.shopbff.customer.account;

import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.ThreadPoolExecutor;

/**
 * Sends the {@code outbox} entries of the customers collection to Kafka ({@code customer.events}): right after
 * each write, and every second for whatever a crash or a broker outage left behind.
 */
@Component
public class CustomerOutbox {
    private static final Logger log = LoggerFactory.getLogger(CustomerOutbox.class);
    private final OutboxRelay relay;
    private final ThreadPoolExecutor sender = OutboxRelay.newExecutor("customer-outbox", 1);

    public CustomerOutbox(MongoTemplate mongo, MessagePublisher publisher) {
        this.relay = new OutboxRelay(mongo, publisher, CustomerDocument.COLLECTION, sender);
    }

    /**
     * Sends the customer's pending messages on a background thread: the write is already durable, so the request
     * does not wait for Kafka (nor hang when the broker is away); a failure only leaves the message to the sweep.
     */
    public void relaySoon(String customerId) {
        relay.relayLater(customerId);
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
    }

    @Scheduled(fixedDelayString = "${shop.outbox.sweep-interval-ms:1000}", initialDelayString = "${shop.outbox.sweep-interval-ms:1000}")
    public void sweep() {
        try {
            relay.relayAll();
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed, retrying later: {}", e.getMessage());
        }
    }
}
