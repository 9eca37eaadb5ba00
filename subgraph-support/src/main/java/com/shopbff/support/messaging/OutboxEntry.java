package com.shopbff.support.messaging;

import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.support.telemetry.TraceContexts;

import java.time.Instant;
import java.util.Date;

/**
 * A message waiting to be sent, stored in the {@code outbox} array of the very document whose change it announces,
 * so the change and the message are written by one single-document (atomic) update. {@link OutboxRelay} sends it
 * and removes it; a crash in between only means it is sent again, and consumers are idempotent by event id.
 *
 * @param traceparent the W3C trace context of the write (null outside a trace): the record continues that trace
 * @param createdAt   when the entry was queued (null in entries written before it was recorded): for the outbox lag
 */
public record OutboxEntry(String eventId, String topic, String key, String envelope, String traceparent, Instant createdAt) {

    /** An entry queued now, in the current trace. */
    public OutboxEntry(String eventId, String topic, String key, String envelope) {
        this(eventId, topic, key, envelope, TraceContexts.current(), Instant.now());
    }

    public static OutboxEntry of(String topic, Message message) {
        Envelope<Message> env = Envelope.of(message);
        return new OutboxEntry(env.eventId().toString(), topic, env.key(), MessageCodec.encodeToString(env));
    }

    /** The entry as stored in an {@code outbox} array, for updates written without the mapping layer. */
    public org.bson.Document toDocument() {
        org.bson.Document d = new org.bson.Document("eventId", eventId).append("topic", topic).append("key", key).append("envelope", envelope);
        if (traceparent != null) d.append("traceparent", traceparent);
        if (createdAt != null) d.append("createdAt", Date.from(createdAt));
        return d;
    }
}
