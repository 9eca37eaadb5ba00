package com.shopbff.orders.saga;

import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.SagaReply;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.ProcessedMessages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds saga replies to the orchestrator; idempotent by event id here and by order status in {@link CheckoutSaga}. */
@Component
public class SagaReplyListener {
    static final String CONSUMER = "orders-saga";
    private static final Logger log = LoggerFactory.getLogger(SagaReplyListener.class);
    private final CheckoutSaga saga;
    private final ProcessedMessages processed;

    public SagaReplyListener(CheckoutSaga saga, ProcessedMessages processed) {
        this.saga = saga;
        this.processed = processed;
    }

    @KafkaListener(id = "orders-saga-replies", topics = Topics.ORDER_SAGA_REPLIES, concurrency = "${shop.orders.reply-concurrency:3}")
    public void onReply(ConsumerRecord<String, byte[]> record) {
        Envelope<Message> envelope;
        try {
            envelope = MessageCodec.decode(record.value());
        } catch (RuntimeException e) {
            log.warn("skipping undecodable message at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (!(envelope.payload() instanceof SagaReply reply)) return;
        if (processed.alreadyProcessed(CONSUMER, envelope.eventId())) return;
        saga.on(reply);
        processed.markProcessed(CONSUMER, envelope.eventId());
    }
}
