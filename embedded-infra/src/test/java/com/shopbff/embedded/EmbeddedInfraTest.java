package com.shopbff.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedInfraTest {

    @Test
    void theRealDriverStoresAndReadsDocumentsOverTheWire() {
        try (MongoClient client = MongoClients.create(SharedTestInfra.mongo().connectionString())) {
            var coll = client.getDatabase("infra_test").getCollection("things");
            coll.insertOne(new Document("_id", "a").append("n", 1));
            coll.updateOne(new Document("_id", "a").append("n", new Document("$gte", 1)), new Document("$inc", new Document("n", 2)));
            assertThat(coll.find(new Document("_id", "a")).first().getInteger("n")).isEqualTo(3);
        }
    }

    @Test
    void fileBackedDataSurvivesARestart(@TempDir Path dir) {
        Path file = dir.resolve("mongo.mv");
        try (EmbeddedMongo first = EmbeddedMongo.fileBacked(file, 0);
             MongoClient client = MongoClients.create(first.connectionString())) {
            client.getDatabase("d").getCollection("c").insertOne(new Document("_id", "kept"));
        }
        try (EmbeddedMongo second = EmbeddedMongo.fileBacked(file, 0);
             MongoClient client = MongoClients.create(second.connectionString())) {
            assertThat(client.getDatabase("d").getCollection("c").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void aRecordProducedToTheBrokerIsConsumedInKeyOrder() {
        String bootstrap = SharedTestInfra.kafka().bootstrapServers();
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) producer.send(new ProducerRecord<>("infra-test", "order-1", "m" + i));
            producer.flush();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "infra-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra-test"));
            List<String> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.size() < 5 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) seen.add(r.value());
            }
            assertThat(seen).containsExactly("m0", "m1", "m2", "m3", "m4");
        }
    }
}
