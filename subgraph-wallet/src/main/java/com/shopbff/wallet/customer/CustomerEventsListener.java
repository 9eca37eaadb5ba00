package com.shopbff.wallet.customer;

import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.Topics;
import com.shopbff.wallet.privacy.WalletPrivacy;
import com.shopbff.wallet.wallet.WalletService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Opens a wallet on registration; closes it (and pays out what it holds) on deletion and exports it on request,
 * answering the customer subgraph. Idempotent by nature (a resent request is answered again).
 */
@Component
public class CustomerEventsListener {
    private static final Logger log = LoggerFactory.getLogger(CustomerEventsListener.class);
    private final WalletService wallets;
    private final WalletPrivacy privacy;

    public CustomerEventsListener(WalletService wallets, WalletPrivacy privacy) {
        this.wallets = wallets;
        this.privacy = privacy;
    }

    @KafkaListener(topics = Topics.CUSTOMER_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        Envelope<Message> envelope = InboundMessages.decode(record).orElse(null);
        if (envelope == null) return;
        switch (envelope.payload()) {
            case CustomerEvent.CustomerRegistered registered -> wallets.onCustomerRegistered(registered.customerId());
            case CustomerEvent.CustomerDeleted deleted -> privacy.erase(deleted.customerId());
            case CustomerEvent.DataExportRequested requested -> privacy.export(requested.customerId(), requested.exportId());
            default -> { /* address books and the like are none of the wallet's business */ }
        }
    }
}
