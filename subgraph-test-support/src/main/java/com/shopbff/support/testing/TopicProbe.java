package com.shopbff.support.testing;

import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Reads topics of the real broker from their beginning on a background thread (a consumer group of its own), so a
 * test can wait for what a subgraph sent: {@code probe.await(PrivacyReply.ErasureCompleted.class, r -> ...)}.
 */
public final class TopicProbe implements AutoCloseable {
    private final List<Envelope<Message>> received = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public TopicProbe(String bootstrapServers, String... topics) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topics));
        poller = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        try {
                            received.add(MessageCodec.decode(r.value()));
                        } catch (RuntimeException unreadable) {
                            // not ours to judge here
                        }
                    }
                }
            }
        }, "test-probe-" + String.join(",", topics));
        poller.setDaemon(true);
        poller.start();
    }

    /** The messages of this type read so far that match. */
    public <T extends Message> List<T> payloads(Class<T> type, Predicate<T> filter) {
        return received.stream().map(Envelope::payload).filter(type::isInstance).map(type::cast).filter(filter).toList();
    }

    /** Waits (at most a minute) for a message of this type that matches. */
    public <T extends Message> T await(Class<T> type, Predicate<T> filter) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            List<T> found = payloads(type, filter);
            if (!found.isEmpty()) return found.getFirst();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " within a minute; read " + received.size() + " messages");
    }

    @Override
    public void close() {
        running = false;
    }
}
