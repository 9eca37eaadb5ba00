package com.shopbff.support.messaging;

import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;

/**
 * A message waiting to be sent, stored in the {@code outbox} array of the very document whose change it announces,
 * so the change and the message are written by one single-document (atomic) update. {@link OutboxRelay} sends it
 * and removes it; a crash in between only means it is sent again, and consumers are idempotent by event id.
 */
public record OutboxEntry(String eventId, String topic, String key, String envelope) {

    public static OutboxEntry of(String topic, Message message) {
        Envelope<Message> env = Envelope.of(message);
        return new OutboxEntry(env.eventId().toString(), topic, env.key(), MessageCodec.encodeToString(env));
    }

    /** The entry as stored in an {@code outbox} array, for updates written without the mapping layer. */
    public org.bson.Document toDocument() {
        return new org.bson.Document("eventId", eventId).append("topic", topic).append("key", key).append("envelope", envelope);
    }
}
