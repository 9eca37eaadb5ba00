package com.shopbff.support.messaging;

import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.support.telemetry.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends messages in the JSON envelope, keyed by the message's aggregate id. The template's observation puts the
 * current trace context in each record's headers (W3C {@code traceparent}); an outbox entry is sent in the trace of the
 * write that queued it, and the time it waited is the {@code shop.outbox.lag} timer (per collection).
 */
public class MessagePublisher {
    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;
    private final Map<String, Timer> outboxLag = new ConcurrentHashMap<>();

    public MessagePublisher(KafkaTemplate<String, byte[]> kafka) {
        this(kafka, new SimpleMeterRegistry());
    }

    public MessagePublisher(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    /**
     * Sends an entry of the {@code outbox} array of a document of {@code collection} (as stored by
     * {@link OutboxEntry#toDocument()}); completes when the broker acknowledged it.
     */
    public CompletableFuture<Void> publishStored(String collection, Document entry) {
        byte[] value = entry.getString("envelope").getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Void> sent;
        try (Scope ignored = TraceContexts.resume(entry.getString("traceparent"))) {
            sent = publishRaw(entry.getString("topic"), entry.getString("key"), value);
        }
        Date createdAt = entry.getDate("createdAt");
        if (createdAt == null) return sent;
        Timer lag = outboxLag.computeIfAbsent(collection, c -> Timer.builder("shop.outbox.lag")
                .description("Time from the write that queued an outbox entry to the broker's acknowledgement")
                .tag("collection", c).publishPercentileHistogram().register(meters));
        long queuedAt = createdAt.getTime();
        return sent.thenRun(() -> lag.record(Math.max(0, System.currentTimeMillis() - queuedAt), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** The registry this publisher's meters go to (the outbox relays' timings too). */
    MeterRegistry meters() {
        return meters;
    }

    public CompletableFuture<Void> publish(String topic, Envelope<?> envelope) {
        return kafka.send(new ProducerRecord<>(topic, envelope.key(), MessageCodec.encode(envelope))).thenApply(r -> null);
    }

    public CompletableFuture<Void> publish(String topic, Message message) {
        return publish(topic, Envelope.of(message));
    }

    /** Sends raw envelope JSON (from an outbox entry); completes when the broker acknowledged it. */
    public CompletableFuture<Void> publishRaw(String topic, String key, byte[] envelopeJson) {
        return kafka.send(new ProducerRecord<>(topic, key, envelopeJson)).thenApply(r -> null);
    }

    /** Sends raw envelope JSON (from an outbox entry) and waits for the broker's acknowledgement. */
    public void publishRawAndWait(String topic, String key, byte[] envelopeJson, long timeoutMs) {
        try {
            kafka.send(new ProducerRecord<>(topic, key, envelopeJson)).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    public void publishAndWait(String topic, Message message, long timeoutMs) {
        Envelope<Message> envelope = Envelope.of(message);
        publishRawAndWait(topic, envelope.key(), MessageCodec.encode(envelope), timeoutMs);
    }
}
