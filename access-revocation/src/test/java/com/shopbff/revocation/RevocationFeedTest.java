package com.shopbff.revocation;

import com.shopbff.embedded.SharedTestInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed against a real Kafka broker (the embedded KRaft broker of the test JVM). */
class RevocationFeedTest {
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void atStartItReadsTheRevocationsOfTheWindowButNotOlderOnes() throws Exception {
        String topic = topic();
        long now = System.currentTimeMillis();
        send(topic, now - Duration.ofMinutes(30).toMillis(), "old", "s-old", Instant.ofEpochMilli(now - Duration.ofMinutes(30).toMillis()));
        send(topic, now - Duration.ofMinutes(5).toMillis(), "recent", "s-recent", Instant.ofEpochMilli(now - Duration.ofMinutes(5).toMillis()));
        send(topic, now, "erased", null, Instant.ofEpochMilli(now));
        RevocationList list = new RevocationList(Duration.ofMinutes(20));
        try (RevocationFeed feed = RevocationFeed.start(settings(topic), list)) {
            assertThat(feed.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(list.isRevoked("recent", "s-recent", null)).isTrue();
            assertThat(list.isRevoked("erased", null, Instant.ofEpochMilli(now - 60_000))).isTrue();
            assertThat(list.isRevoked("old", "s-old", null)).isFalse();
            assertThat(feed.applied()).isEqualTo(2);
        }
    }

    @Test
    void aRevocationPublishedWhileRunningIsAppliedAsItArrives() throws Exception {
        String topic = topic();
        RevocationList list = new RevocationList(Duration.ofMinutes(20));
        try (RevocationFeed feed = RevocationFeed.start(settings(topic), list)) {
            assertThat(feed.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(list.isRevoked("alice", "s1", null)).isFalse();
            producer.send(new ProducerRecord<>(topic, "alice", "{\"type\":\"SomethingElse\",\"payload\":{\"subject\":\"alice\"}}"
                    .getBytes(StandardCharsets.UTF_8))).get();
            send(topic, System.currentTimeMillis(), "alice", "s1", Instant.now());
            assertThat(eventually(() -> list.isRevoked("alice", "s1", null))).isTrue();
            assertThat(list.isRevoked("alice", "s2", null)).isFalse();
            // the count is incremented just after the list is updated, on the feed's thread
            assertThat(eventually(() -> feed.applied() == 1)).isTrue();
            assertThat(feed.applied()).isEqualTo(1);
        }
    }

    @Test
    void aTopicThatDoesNotExistYetCountsAsCaughtUp() throws Exception {
        RevocationList list = new RevocationList(Duration.ofMinutes(20));
        try (RevocationFeed feed = RevocationFeed.start(settings("absent-" + UUID.randomUUID()), list)) {
            assertThat(feed.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void aTopicCreatedAfterTheStartIsFollowedWithinSecondsNotAtTheNextPeriodicCheck() throws Exception {
        String topic = "late-" + UUID.randomUUID();
        RevocationList list = new RevocationList(Duration.ofMinutes(20));
        try (RevocationFeed feed = RevocationFeed.start(settings(topic), list)) {
            assertThat(feed.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            SharedTestInfra.kafka().createTopics(List.of(topic), 3);
            send(topic, System.currentTimeMillis(), "bob", "s1", Instant.now());
            assertThat(eventually(() -> list.isRevoked("bob", "s1", null))).isTrue();
        }
    }

    private static RevocationFeed.Settings settings(String topic) {
        return new RevocationFeed.Settings(SharedTestInfra.kafka().bootstrapServers(), topic, Map.of());
    }

    private static String topic() {
        String topic = "revocations-" + UUID.randomUUID();
        SharedTestInfra.kafka().createTopics(List.of(topic), 3);
        return topic;
    }

    private static void send(String topic, long timestamp, String subject, String sessionId, Instant revokedAt) throws Exception {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"AccessRevoked\",\"occurredAt\":\"" + revokedAt
                + "\",\"key\":\"" + subject + "\",\"payload\":{\"subject\":\"" + subject + "\""
                + (sessionId == null ? "" : ",\"sessionId\":\"" + sessionId + "\"") + ",\"revokedAt\":\"" + revokedAt + "\"}}";
        producer.send(new ProducerRecord<>(topic, null, timestamp, subject, json.getBytes(StandardCharsets.UTF_8))).get();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
