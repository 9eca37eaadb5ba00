package com.shopbff.support.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.shopbff.embedded.SharedTestInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The shared outbox relay against the embedded MongoDB-wire server and a real Kafka broker. */
class OutboxRelayTest {
    private static final String COLLECTION = "things";
    private static MongoClient client;
    private static MongoTemplate mongo;
    private static KafkaTemplate<String, byte[]> kafka;

    @BeforeAll
    static void start() {
        client = MongoClients.create(SharedTestInfra.mongo().connectionString());
        mongo = new MongoTemplate(client, "support_outbox_" + UUID.randomUUID().toString().substring(0, 8));
        kafka = template(SharedTestInfra.kafka().bootstrapServers(), 10_000);
    }

    @AfterAll
    static void stop() {
        kafka.destroy();
        client.close();
    }

    @Test
    void concurrentRelaysOfOneDocumentSendEachEntryOnceInOutboxOrderAndPullThem() throws Exception {
        String topic = topic();
        List<String> ids = insertWithOutbox("doc-1", topic, 20);
        OutboxRelay relay = new OutboxRelay(mongo, new MessagePublisher(kafka), COLLECTION);

        int relayers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> sent = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(relayers)) {
            for (int i = 0; i < relayers; i++) sent.add(pool.submit(() -> {
                go.await();
                return relay.relay("doc-1");
            }));
            go.countDown();
            int total = 0;
            for (Future<Integer> f : sent) total += f.get(30, TimeUnit.SECONDS);
            assertThat(total).isEqualTo(20);
        }

        assertThat(consume(topic, 20)).containsExactlyElementsOf(ids);
        assertThat(outboxOf("doc-1")).isEmpty();
    }

    @Test
    void relayLaterSendsOnTheExecutorAndAFailedSendLeavesTheEntriesForTheSweep() throws Exception {
        String topic = topic();
        List<String> ids = insertWithOutbox("doc-2", topic, 3);
        // A producer whose broker is not there: the send fails after max.block.ms.
        KafkaTemplate<String, byte[]> nowhere = template("127.0.0.1:" + freePort(), 500);
        ThreadPoolExecutor executor = OutboxRelay.newExecutor("test-relay", 1);
        try {
            AtomicInteger failures = new AtomicInteger();
            new OutboxRelay(mongo, new MessagePublisher(nowhere), COLLECTION, executor).relayLater("doc-2", failures::incrementAndGet);
            await().atMost(Duration.ofSeconds(20)).until(() -> failures.get() == 1);
            assertThat(outboxOf("doc-2")).hasSize(3);
            assertThatThrownBy(() -> new OutboxRelay(mongo, new MessagePublisher(nowhere), COLLECTION).relay("doc-2"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not relay things doc-2");
            assertThat(outboxOf("doc-2")).hasSize(3);

            // The sweep with a reachable broker sends what is pending, every document of the collection.
            List<String> more = insertWithOutbox("doc-3", topic, 2);
            int swept = new OutboxRelay(mongo, new MessagePublisher(kafka), COLLECTION).relayAll();
            assertThat(swept).isGreaterThanOrEqualTo(5);
            List<String> expected = new ArrayList<>(ids);
            expected.addAll(more);
            assertThat(consume(topic, 5)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(outboxOf("doc-2")).isEmpty();
            assertThat(outboxOf("doc-3")).isEmpty();
        } finally {
            executor.shutdown();
            nowhere.destroy();
        }
    }

    @Test
    void writesRelayedLaterWhileARelayIsQueuedAreAllSentOnceAndInOrder() {
        String topic = topic();
        List<String> ids = new ArrayList<>(insertWithOutbox("doc-5", topic, 1));
        ThreadPoolExecutor executor = OutboxRelay.newExecutor("test-relay-later", 1);
        try {
            OutboxRelay relay = new OutboxRelay(mongo, new MessagePublisher(kafka), COLLECTION, executor);
            for (int i = 0; i < 40; i++) {
                String eventId = UUID.randomUUID().toString();
                ids.add(eventId);
                mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                                org.springframework.data.mongodb.core.query.Criteria.where("_id").is("doc-5")),
                        new org.springframework.data.mongodb.core.query.Update().push("outbox", new Document("eventId", eventId)
                                .append("topic", topic).append("key", "doc-5").append("envelope", "{\"eventId\":\"" + eventId + "\",\"n\":0}")),
                        COLLECTION);
                relay.relayLater("doc-5");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxOf("doc-5").isEmpty());
            assertThat(consume(topic, 41)).containsExactlyElementsOf(ids);
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void aRoundWaitingForItsAcknowledgementHoldsNoRelayThreadSoOtherDocumentsGoOutMeanwhile() throws Exception {
        String topic = topic();
        List<String> held = insertWithOutbox("doc-6", topic, 2);
        List<String> free = insertWithOutbox("doc-7", topic, 1);
        // The broker acknowledges doc-6's records; the relay learns of it only when the test opens the gate.
        GatedPublisher publisher = new GatedPublisher(kafka, "doc-6");
        ThreadPoolExecutor executor = OutboxRelay.newExecutor("test-relay-held", 1);
        try {
            OutboxRelay relay = new OutboxRelay(mongo, publisher, COLLECTION, executor);
            AtomicInteger failures = new AtomicInteger();
            relay.relayLater("doc-6", failures::incrementAndGet);
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.heldSends.get() == 2);
            // the one relay thread is free: doc-7 is read, sent, acknowledged and pulled while doc-6 waits
            relay.relayLater("doc-7", failures::incrementAndGet);
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxOf("doc-7").isEmpty());
            assertThat(failures).hasValue(0);
            assertThat(outboxOf("doc-6")).as("not pulled before its acknowledgement reached the relay").hasSize(2);

            publisher.gate.complete(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxOf("doc-6").isEmpty());
            List<String> expected = new ArrayList<>(held);
            expected.addAll(free);
            assertThat(consume(topic, 3)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(failures).hasValue(0);
        } finally {
            publisher.gate.complete(null);
            executor.shutdown();
        }
    }

    @Test
    void aWriteWhileTheDocumentsRoundAwaitsItsAcknowledgementGoesOutOnceInTheNextRoundAfterIt() {
        String topic = topic();
        List<String> ids = new ArrayList<>(insertWithOutbox("doc-8", topic, 2));
        GatedPublisher publisher = new GatedPublisher(kafka, "doc-8");
        ThreadPoolExecutor executor = OutboxRelay.newExecutor("test-relay-next", 2);
        try {
            OutboxRelay relay = new OutboxRelay(mongo, publisher, COLLECTION, executor);
            relay.relayLater("doc-8");
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.heldSends.get() == 2);
            // written while the first round's entries are on the broker but not yet pulled: a relay that read the
            // outbox now would send them again ahead of the new ones
            for (int i = 0; i < 3; i++) ids.add(push("doc-8", topic));
            relay.relayLater("doc-8");
            relay.relayLater("doc-8");
            publisher.gate.complete(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxOf("doc-8").isEmpty());
            assertThat(consume(topic, 5)).containsExactlyElementsOf(ids);
        } finally {
            publisher.gate.complete(null);
            executor.shutdown();
        }
    }

    @Test
    void whenTheExecutorRefusesTheCallerRelaysItselfAndTheEntriesAreOnTheBrokerWhenRelayLaterReturns() {
        String topic = topic();
        List<String> ids = insertWithOutbox("doc-9", topic, 2);
        ThreadPoolExecutor executor = OutboxRelay.newExecutor("test-relay-refusing", 1);
        executor.shutdown(); // refuses every task, as a full queue does
        new OutboxRelay(mongo, new MessagePublisher(kafka), COLLECTION, executor).relayLater("doc-9");
        assertThat(outboxOf("doc-9")).isEmpty();
        assertThat(consume(topic, 2)).containsExactlyElementsOf(ids);
    }

    /** Sends to the real broker; the acknowledgements of one document's records reach the relay when {@link #gate} completes. */
    private static final class GatedPublisher extends MessagePublisher {
        final CompletableFuture<Void> gate = new CompletableFuture<>();
        final AtomicInteger heldSends = new AtomicInteger();
        private final String heldKey;

        GatedPublisher(KafkaTemplate<String, byte[]> kafka, String heldKey) {
            super(kafka);
            this.heldKey = heldKey;
        }

        @Override
        public CompletableFuture<Void> publishStored(String collection, Document entry) {
            CompletableFuture<Void> acked = super.publishStored(collection, entry);
            if (!heldKey.equals(entry.getString("key"))) return acked;
            heldSends.incrementAndGet();
            return acked.thenCombine(gate, (a, b) -> null);
        }
    }

    private static String push(String id, String topic) {
        String eventId = UUID.randomUUID().toString();
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)),
                new org.springframework.data.mongodb.core.query.Update().push("outbox", new Document("eventId", eventId)
                        .append("topic", topic).append("key", id).append("envelope", "{\"eventId\":\"" + eventId + "\",\"n\":0}")),
                COLLECTION);
        return eventId;
    }

    @Test
    void relayingADocumentWithoutPendingEntriesSendsNothing() {
        mongo.insert(new Document("_id", "doc-4").append("outbox", List.of()), COLLECTION);
        OutboxRelay relay = new OutboxRelay(mongo, new MessagePublisher(kafka), COLLECTION);
        assertThat(relay.relay("doc-4")).isZero();
        assertThat(relay.relay("no-such-document")).isZero();
    }

    private static List<String> insertWithOutbox(String id, String topic, int n) {
        List<Document> outbox = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String eventId = UUID.randomUUID().toString();
            eventIds.add(eventId);
            outbox.add(new Document("eventId", eventId).append("topic", topic).append("key", id)
                    .append("envelope", "{\"eventId\":\"" + eventId + "\",\"n\":" + i + "}"));
        }
        mongo.insert(new Document("_id", id).append("outbox", outbox), COLLECTION);
        return eventIds;
    }

    private static List<Document> outboxOf(String id) {
        Document d = mongo.findById(id, Document.class, COLLECTION);
        return d == null ? List.of() : d.getList("outbox", Document.class, List.of());
    }

    /** Reads the topic from the start until {@code expected} records arrived, then one more second for duplicates. */
    private static List<String> consume(String topic, int expected) {
        List<String> eventIds = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String json = new String(r.value(), StandardCharsets.UTF_8);
                    eventIds.add(json.substring(json.indexOf(":\"") + 2, json.indexOf("\",")));
                }
                if (eventIds.size() >= expected && settleUntil == Long.MAX_VALUE) settleUntil = System.nanoTime() + 1_000_000_000L;
            }
        }
        return eventIds;
    }

    private static String topic() {
        String topic = "outbox-relay-test-" + UUID.randomUUID();
        SharedTestInfra.kafka().createTopics(List.of(topic), 1);
        return topic;
    }

    private static KafkaTemplate<String, byte[]> template(String bootstrap, int maxBlockMs) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(maxBlockMs, 1000) + 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(maxBlockMs, 1000)),
                new StringSerializer(), new ByteArraySerializer()));
    }

    private static int freePort() throws java.io.IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
