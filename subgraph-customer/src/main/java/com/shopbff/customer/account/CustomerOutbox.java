package com.shopbff.customer.account;

import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the {@code outbox} entries of the customers collection to Kafka ({@code customer.events}): right after
 * each write, and every second for whatever a crash or a broker outage left behind. Removes erased accounts'
 * tombstones once their CustomerDeleted message is out.
 */
@Component
public class CustomerOutbox {
    private static final Logger log = LoggerFactory.getLogger(CustomerOutbox.class);
    private final OutboxRelay relay;
    private final CustomerRepository customers;

    public CustomerOutbox(MongoTemplate mongo, MessagePublisher publisher, CustomerRepository customers) {
        this.relay = new OutboxRelay(mongo, publisher, CustomerDocument.COLLECTION);
        this.customers = customers;
    }

    /** Best effort: the write is already durable, so a failure here only delays the message to the next sweep. */
    public void relaySoon(String customerId) {
        try {
            relay.relay(customerId);
        } catch (RuntimeException e) {
            log.warn("outbox of customer {} not relayed yet, the sweep retries: {}", customerId, e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${shop.outbox.sweep-interval-ms:1000}", initialDelayString = "${shop.outbox.sweep-interval-ms:1000}")
    public void sweep() {
        try {
            relay.relayAll();
            customers.removeSentTombstones();
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed, retrying later: {}", e.getMessage());
        }
    }
}
