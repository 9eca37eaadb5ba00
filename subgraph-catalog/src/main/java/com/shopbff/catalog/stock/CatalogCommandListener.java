package com.shopbff.catalog.stock;

import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.contracts.CatalogCommand;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The storehouse's inbox: ReserveStock, ReleaseStock, CommitStock, ReturnStock from the order saga. */
@Component
public class CatalogCommandListener {
    private static final Logger log = LoggerFactory.getLogger(CatalogCommandListener.class);

    private final ReservationService reservations;

    public CatalogCommandListener(ReservationService reservations) {
        this.reservations = reservations;
    }

    /**
     * One consumer thread per partition of {@code catalog.commands} (3 by default): commands are keyed by order id, so
     * one order's commands stay in order, and different orders reserve in parallel (stock updates are conditional).
     */
    @KafkaListener(topics = Topics.CATALOG_COMMANDS, concurrency = "${shop.catalog.command-concurrency:3}")
    public void onCommand(ConsumerRecord<String, byte[]> record) {
        Envelope<Message> envelope = InboundMessages.decode(record).orElse(null);
        if (envelope == null) return;
        if (!(envelope.payload() instanceof CatalogCommand command)) {
            log.warn("skipping {} on {}: not a storehouse command", envelope.type(), record.topic());
            return;
        }
        // No processed-message lookup: every command is idempotent by the reservation keyed by its order id, whose
        // status says what was done already (a repeated ReserveStock is answered again, a repeated release or commit
        // changes nothing), and each product records which order holds its units.
        reservations.handle(command);
    }
}
