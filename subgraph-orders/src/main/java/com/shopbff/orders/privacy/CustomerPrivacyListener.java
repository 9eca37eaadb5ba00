package com.shopbff.orders.privacy;

import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.support.messaging.ProcessedMessages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The customer subgraph's privacy requests on {@code customer.events} (group {@code subgraph-orders-privacy}): an
 * erasure ({@link OrdersErasure}) and a data export ({@link OrdersDataExport}), each answered on
 * {@code privacy.replies}. A request the customer subgraph sends again comes with a new event id and is handled
 * again (both are idempotent); a redelivered one is skipped by its event id.
 */
@Component
public class CustomerPrivacyListener {
    static final String CONSUMER = "orders-privacy";
    private final OrdersErasure erasure;
    private final OrdersDataExport export;
    private final ProcessedMessages processed;

    public CustomerPrivacyListener(OrdersErasure erasure, OrdersDataExport export, ProcessedMessages processed) {
        this.erasure = erasure;
        this.export = export;
        this.processed = processed;
    }

    @KafkaListener(id = "orders-privacy", groupId = "${spring.kafka.consumer.group-id:subgraph-orders}-privacy",
            topics = Topics.CUSTOMER_EVENTS)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        InboundMessages.handle(record, envelope -> {
            if (!(envelope.payload() instanceof CustomerEvent.CustomerDeleted) && !(envelope.payload() instanceof CustomerEvent.DataExportRequested)) {
                return;
            }
            if (processed.alreadyProcessed(CONSUMER, envelope.eventId())) return;
            switch (envelope.payload()) {
                case CustomerEvent.CustomerDeleted deleted -> erasure.erase(deleted.customerId());
                case CustomerEvent.DataExportRequested requested -> export.send(requested.customerId(), requested.exportId());
                default -> { }
            }
            processed.markProcessed(CONSUMER, envelope.eventId());
        });
    }
}
