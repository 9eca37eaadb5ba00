package com.shopbff.orders.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the orders subgraph ({@code shop.orders.*}); every one has a default, documented in the module README.
 *
 * @param deliveryFee          flat fee for delivery to an address, decimal string in the shop currency
 * @param pickupFee            fee for collection at a pickup point
 * @param numberPrefix         prefix of human-readable order numbers ({@code SO-2026-000123})
 * @param productWait          how long addToCart / checkout wait for a product or pickup point to reach the projection
 * @param saga                 saga timing
 * @param fulfilment           estimated durations shown to the customer
 * @param replyConcurrency     Kafka consumer threads for saga replies
 * @param relayThreads         threads relaying order outboxes right after each write
 * @param guestCartTtl         a guest cart untouched this long is deleted (its token stops working)
 */
@ConfigurationProperties("shop.orders")
public record OrdersProperties(String deliveryFee, String pickupFee, String numberPrefix, Duration productWait,
                               Saga saga, Fulfilment fulfilment, Integer replyConcurrency, Integer relayThreads,
                               Duration guestCartTtl) {
    public OrdersProperties {
        if (deliveryFee == null) deliveryFee = "2.50";
        if (pickupFee == null) pickupFee = "0.00";
        if (numberPrefix == null) numberPrefix = "SO";
        if (productWait == null) productWait = Duration.ofSeconds(2);
        if (saga == null) saga = new Saga(null, null);
        if (fulfilment == null) fulfilment = new Fulfilment(null, null, null);
        if (replyConcurrency == null) replyConcurrency = 3;
        if (relayThreads == null) relayThreads = 4;
        if (guestCartTtl == null) guestCartTtl = Duration.ofDays(30);
    }

    /**
     * @param stepTimeout  a saga step without a reply for this long is compensated
     * @param sweepInterval how often timeouts are checked and left-over outbox entries relayed
     */
    public record Saga(Duration stepTimeout, Duration sweepInterval) {
        public Saga {
            if (stepTimeout == null) stepTimeout = Duration.ofSeconds(30);
            if (sweepInterval == null) sweepInterval = Duration.ofSeconds(1);
        }
    }

    /**
     * @param assembly        from confirmation to assembled
     * @param delivery        from assembled to delivered at the address
     * @param pickupReady     from assembled to ready at the pickup point
     */
    public record Fulfilment(Duration assembly, Duration delivery, Duration pickupReady) {
        public Fulfilment {
            if (assembly == null) assembly = Duration.ofHours(2);
            if (delivery == null) delivery = Duration.ofHours(24);
            if (pickupReady == null) pickupReady = Duration.ofHours(1);
        }
    }
}
