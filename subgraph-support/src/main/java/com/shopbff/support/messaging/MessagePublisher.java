package com.shopbff.support.messaging;

import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends messages in the JSON envelope, keyed by the message's aggregate id. */
public class MessagePublisher {
    private final KafkaTemplate<String, byte[]> kafka;

    public MessagePublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
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
