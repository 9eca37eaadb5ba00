package com.shopbff.notifications.messaging;

import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.Topics;
import com.shopbff.notifications.customer.CustomerDirectory;
import com.shopbff.notifications.account.AccountEmails;
import com.shopbff.notifications.notification.NotificationService;
import com.shopbff.notifications.privacy.NotificationsPrivacy;
import com.shopbff.support.messaging.ProcessedMessages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The storing consumer (group {@code subgraph-notifications}, shared by all instances): order, wallet and customer
 * events become notifications; customer events also keep the contact projection and trigger erasure.
 * Idempotent twice: {@link ProcessedMessages} by event id, and the notification id being the event id.
 */
@Component
public class NotificationEventsListener {
    private static final Logger log = LoggerFactory.getLogger(NotificationEventsListener.class);
    public static final String CONSUMER = "notifications";

    private final NotificationService notifications;
    private final CustomerDirectory customers;
    private final ProcessedMessages processed;
    private final AccountEmails accountEmails;
    private final NotificationsPrivacy privacy;

    public NotificationEventsListener(NotificationService notifications, CustomerDirectory customers, ProcessedMessages processed,
                                      AccountEmails accountEmails, NotificationsPrivacy privacy) {
        this.notifications = notifications;
        this.customers = customers;
        this.processed = processed;
        this.accountEmails = accountEmails;
        this.privacy = privacy;
    }

    @KafkaListener(topics = {Topics.ORDER_EVENTS, Topics.WALLET_EVENTS, Topics.CUSTOMER_EVENTS},
            autoStartup = "${shop.notifications.consume-events:true}")
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        Envelope<Message> event = InboundMessages.decode(record).orElse(null);
        if (event == null) return;
        if (!(event.payload() instanceof CustomerEvent)) {
            // Order and wallet events: the notification's id is the event id and it is inserted only if absent, so a
            // redelivered event changes nothing without a processed-message lookup on every event.
            notifications.createFrom(event);
            return;
        }
        if (processed.alreadyProcessed(CONSUMER, event.eventId())) return;
        switch (event.payload()) {
            case CustomerEvent.CustomerRegistered e -> {
                customers.registered(e.customerId(), e.email(), e.name());
                notifications.createFrom(event);
            }
            case CustomerEvent.CustomerDeleted e -> privacy.erase(e.customerId());
            case CustomerEvent.EmailVerified e -> customers.emailConfirmed(e.customerId(), e.email());
            case CustomerEvent.AccountEmailRequested e -> {
                if (!customers.isDeleted(e.customerId())) accountEmails.accept(event, e);
            }
            case CustomerEvent.DataExportRequested e -> privacy.export(e.customerId(), e.exportId());
            default -> notifications.createFrom(event);
        }
        processed.markProcessed(CONSUMER, event.eventId());
    }
}
