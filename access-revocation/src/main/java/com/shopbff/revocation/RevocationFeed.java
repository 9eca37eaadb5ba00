package com.shopbff.revocation;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a {@link RevocationList} current from a Kafka topic. Every instance (router or subgraph) reads every
 * partition itself: no consumer group, no committed offsets; at start it seeks to the messages of the last
 * {@link RevocationList#keep()} (older revocations name only expired tokens) and then follows the topic, so a
 * revocation reaches every instance within the broker's delivery time (milliseconds), and checking a token needs no
 * database. A broker outage only delays revocations (logged, retried every second); tokens verify meanwhile.
 */
public final class RevocationFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RevocationFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(1);

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param topic            the topic revocations are published on (the shop: {@code session.revocations})
     * @param clientProperties further Kafka consumer properties (security, timeouts); may be empty
     */
    public record Settings(String bootstrapServers, String topic, Map<String, Object> clientProperties) {
        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            if (topic == null || topic.isBlank()) throw new IllegalArgumentException("a revocation topic is required");
            clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
        }
    }

    private final Settings settings;
    private final RevocationList list;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    private RevocationFeed(Settings settings, RevocationList list) {
        this.settings = settings;
        this.list = list;
        this.thread = Thread.ofPlatform().daemon().name("revocation-feed-" + settings.topic()).unstarted(this::run);
    }

    /** Starts following the topic on a thread of its own; {@link #close()} stops it. */
    public static RevocationFeed start(Settings settings, RevocationList list) {
        RevocationFeed feed = new RevocationFeed(settings, list);
        feed.thread.start();
        return feed;
    }

    /** Waits until the revocations already on the topic at start have been read; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Revocations read so far. */
    public long applied() {
        return applied.get();
    }

    public RevocationList list() {
        return list;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                if (!running) return;
            } catch (RuntimeException e) {
                if (!running) return;
                log.warn("revocation feed on {} failed, retrying in {} s: {}", settings.topic(), RETRY.toSeconds(), e.toString());
                sleep(RETRY);
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> c) {
        Set<TopicPartition> assigned = new HashSet<>();
        Map<TopicPartition, Long> catchUpTo = new HashMap<>();
        Instant nextPartitionCheck = Instant.EPOCH;
        while (running) {
            if (Instant.now().isAfter(nextPartitionCheck)) {
                List<TopicPartition> all = partitions(c);
                if (all.isEmpty() && !isCaughtUp()) {
                    // nothing has ever been revoked there: nothing to catch up with; partitions are looked for again
                    log.warn("revocation topic {} does not exist (yet); looking again every {} s", settings.topic(), PARTITION_CHECK.toSeconds());
                    caughtUp.countDown();
                }
                if (!assigned.containsAll(all) || all.size() != assigned.size()) {
                    List<TopicPartition> added = all.stream().filter(tp -> !assigned.contains(tp)).toList();
                    assigned.clear();
                    assigned.addAll(all);
                    c.assign(assigned);
                    seekToWindow(c, added);
                    if (!isCaughtUp()) catchUpTo.putAll(c.endOffsets(added));
                }
                // a topic that is absent (or whose metadata is not known yet) is looked for again every second: the first
                // revocation ever published must not wait for the next periodic check
                nextPartitionCheck = Instant.now().plus(assigned.isEmpty() ? RETRY : PARTITION_CHECK);
            }
            ConsumerRecords<byte[], byte[]> records = assigned.isEmpty() ? ConsumerRecords.empty() : c.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> r : records) {
                RevocationMessages.parse(r.value(), Instant.ofEpochMilli(r.timestamp())).ifPresent(rev -> {
                    list.apply(rev);
                    applied.incrementAndGet();
                });
            }
            if (!isCaughtUp()) {
                catchUpTo.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                if (catchUpTo.isEmpty()) {
                    caughtUp.countDown();
                    log.info("revocation feed on {} caught up ({} partitions, {} revocations of the last {} read)",
                            settings.topic(), assigned.size(), applied.get(), list.keep());
                }
            }
            if (assigned.isEmpty()) sleep(RETRY);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(settings.topic(), Duration.ofSeconds(10));
        List<TopicPartition> out = new ArrayList<>();
        if (infos != null) for (PartitionInfo i : infos) out.add(new TopicPartition(i.topic(), i.partition()));
        return out;
    }

    private void seekToWindow(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> partitions) {
        if (partitions.isEmpty()) return;
        long from = Instant.now().minus(list.keep()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        for (TopicPartition tp : partitions) query.put(tp, from);
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query);
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp o = found.get(tp);
            if (o == null) toEnd.add(tp);
            else c.seek(tp, o.offset());
        }
        if (!toEnd.isEmpty()) c.seekToEnd(toEnd);
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>(settings.clientProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "revocation-feed-" + java.util.UUID.randomUUID());
        p.putIfAbsent(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return p;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
