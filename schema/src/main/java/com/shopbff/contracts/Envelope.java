package com.shopbff.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one JSON envelope every Kafka message travels in: {@code {eventId, type, occurredAt, key, payload}}.
 * {@code type} is the payload's record name (see {@link MessageTypes}); {@code eventId} makes consumers idempotent.
 */
public record Envelope<T extends Message>(UUID eventId, String type, Instant occurredAt, String key, T payload) {
    public Envelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
    }

    /** Wraps a message in a new envelope with a fresh id, stamped now. */
    public static <T extends Message> Envelope<T> of(T payload) {
        return new Envelope<>(UUID.randomUUID(), MessageTypes.typeOf(payload), Instant.now(), payload.key(), payload);
    }

    /** Wraps a message with a given id, for deterministic ids (e.g. derived from an outbox entry). */
    public static <T extends Message> Envelope<T> of(UUID eventId, Instant at, T payload) {
        return new Envelope<>(eventId, MessageTypes.typeOf(payload), at, payload.key(), payload);
    }
}
