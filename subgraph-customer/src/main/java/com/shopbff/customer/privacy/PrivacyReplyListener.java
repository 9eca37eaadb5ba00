package com.shopbff.customer.privacy;

import com.shopbff.contracts.PrivacyReply;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.InboundMessages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The other subgraphs' answers ({@code privacy.replies}): export parts and erasure confirmations. Idempotent by
 * content (a chunk overwrites itself, an answer is recorded once), so no processed-message guard is needed.
 */
@Component
public class PrivacyReplyListener {
    private final DataExportService exports;
    private final ErasureService erasures;

    public PrivacyReplyListener(DataExportService exports, ErasureService erasures) {
        this.exports = exports;
        this.erasures = erasures;
    }

    @KafkaListener(id = "customer-privacy-replies", groupId = "${spring.kafka.consumer.group-id:subgraph-customer}-privacy",
            topics = Topics.PRIVACY_REPLIES)
    public void onReply(ConsumerRecord<String, byte[]> record) {
        InboundMessages.handle(record, envelope -> {
            switch (envelope.payload()) {
                case PrivacyReply.DataExportPart part -> exports.onPart(part);
                case PrivacyReply.ErasureCompleted done -> erasures.onAnswer(done.customerId(), done.source(), done.detail());
                default -> { }
            }
        });
    }
}
