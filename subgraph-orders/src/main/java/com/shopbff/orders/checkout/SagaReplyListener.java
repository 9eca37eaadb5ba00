package com.shopbff.orders.checkout;

import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.SagaReply;
import com.shopbff.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds saga replies to the orchestrator. Idempotent by the order's status and version in {@link CheckoutSaga}: a reply
 * that does not fit the order's current status (a duplicate, a redelivery, a late reply) changes nothing, so no
 * processed-message lookup is needed per reply.
 */
@Component
public class SagaReplyListener {
    private static final Logger log = LoggerFactory.getLogger(SagaReplyListener.class);
    private final CheckoutSaga saga;

    public SagaReplyListener(CheckoutSaga saga) {
        this.saga = saga;
    }

    /**
     * Its own consumer group (not the subgraph's shared one): a rebalance caused by another listener joining or
     * leaving would otherwise pause the saga's replies too.
     */
    @KafkaListener(id = "orders-saga-replies", groupId = "${spring.kafka.consumer.group-id:subgraph-orders}-saga",
            topics = Topics.ORDER_SAGA_REPLIES, concurrency = "${shop.orders.reply-concurrency:3}")
    public void onReply(ConsumerRecord<String, byte[]> record) {
        Envelope<Message> envelope = InboundMessages.decode(record).orElse(null);
        if (envelope == null) return;
        if (!(envelope.payload() instanceof SagaReply reply)) return;
        saga.on(reply);
    }
}
