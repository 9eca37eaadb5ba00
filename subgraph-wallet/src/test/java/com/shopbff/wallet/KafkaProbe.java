package com.shopbff.wallet;

import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.Topics;
import com.shopbff.embedded.SharedTestInfra;
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

/** Reads what the wallet sends (saga replies, wallet events) from the real broker, for assertions. One per test JVM. */
final class KafkaProbe {
    private static KafkaProbe shared;
    private final List<Envelope<Message>> received = new CopyOnWriteArrayList<>();

    static synchronized KafkaProbe shared() {
        if (shared == null) shared = new KafkaProbe();
        return shared;
    }

    private KafkaProbe() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "wallet-test-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(Topics.ORDER_SAGA_REPLIES, Topics.WALLET_EVENTS));
        Thread poller = new Thread(() -> {
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) received.add(MessageCodec.decode(r.value()));
            }
        }, "wallet-test-probe");
        poller.setDaemon(true);
        poller.start();
    }

    List<Envelope<Message>> matching(Predicate<Message> filter) {
        return received.stream().filter(e -> filter.test(e.payload())).toList();
    }

    <T extends Message> List<T> payloads(Class<T> type, Predicate<T> filter) {
        return received.stream().map(Envelope::payload).filter(type::isInstance).map(type::cast).filter(filter).toList();
    }
}
