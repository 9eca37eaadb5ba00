package com.shopbff.support.messaging;

import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one way a Kafka listener reads a record: decode the envelope, skip (and log) what cannot be read, hand the rest
 * to the handler. A record that cannot be decoded is skipped rather than retried, because redelivery would not make
 * it readable; a type this build does not know (another subgraph's message on a shared topic, or one from a newer
 * producer) is skipped quietly. Exceptions from the handler propagate, so the container's error handler
 * ({@link KafkaErrorHandlers}) retries them.
 */
public final class InboundMessages {
    private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);

    private InboundMessages() {
    }

    /** Decodes {@code record} and passes its envelope to {@code handler}; an unreadable record is logged and skipped. */
    public static void handle(ConsumerRecord<String, byte[]> record, Consumer<Envelope<Message>> handler) {
        decode(record).ifPresent(handler);
    }

    /** The record's envelope, or empty (logged) when it cannot be read. */
    public static Optional<Envelope<Message>> decode(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(MessageCodec.decode(record.value()));
        } catch (MessageCodec.UnknownMessageException e) {
            log.debug("skipping {} at {}", e.getMessage(), where(record));
        } catch (RuntimeException e) {
            log.warn("skipping an unreadable message at {}: {}", where(record), e.getMessage());
        }
        return Optional.empty();
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
