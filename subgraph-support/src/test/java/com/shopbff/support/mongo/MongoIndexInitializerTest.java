package com.shopbff.support.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.shopbff.embedded.SharedTestInfra;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Index creation at start-up against the embedded MongoDB-wire server, through the real driver. */
class MongoIndexInitializerTest {
    private static MongoClient client;
    private MongoTemplate mongo;

    @BeforeAll
    static void start() {
        client = MongoClients.create(SharedTestInfra.mongo().connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static final MongoIndexes DECLARED = MongoIndexes.of("test")
            .index(MongoIndex.on("things", "number", 1).named("number").asUnique())
            .index(MongoIndex.outboxSweep("things"))
            .index(MongoIndex.on("keys", "at", 1).named("at_ttl").expireAfter(Duration.ofDays(14)))
            .build();

    @Test
    void createsEveryDeclaredIndexAndASecondStartChangesNothing() {
        mongo = new MongoTemplate(client, "support_indexes_" + UUID.randomUUID().toString().substring(0, 8));
        MongoIndexInitializer initializer = new MongoIndexInitializer(mongo, List.of(DECLARED), true);

        assertThat(initializer.createAll()).isEqualTo(3);
        assertThat(initializer.createAll()).as("createIndexes is idempotent: every instance runs it on every start").isEqualTo(3);

        assertThat(indexNames("things")).contains("_id_", "number", "outbox_pending");
        assertThat(indexNames("keys")).contains("at_ttl");
        Document ttl = mongo.getCollection("keys").listIndexes().into(new ArrayList<>()).stream()
                .filter(d -> "at_ttl".equals(d.getString("name"))).findFirst().orElseThrow();
        assertThat(((Number) ttl.get("expireAfterSeconds")).longValue()).isEqualTo(Duration.ofDays(14).toSeconds());
        Document partial = mongo.getCollection("things").listIndexes().into(new ArrayList<>()).stream()
                .filter(d -> "outbox_pending".equals(d.getString("name"))).findFirst().orElseThrow();
        assertThat(partial.get("partialFilterExpression", Document.class)).isEqualTo(new Document("outbox.0", new Document("$exists", true)));

        mongo.insert(new Document("_id", "a").append("number", "SO-1"), "things");
        assertThatThrownBy(() -> mongo.insert(new Document("_id", "b").append("number", "SO-1"), "things"))
                .as("the embedded server keeps unique indexes").isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void switchedOffItCreatesNoIndex() {
        mongo = new MongoTemplate(client, "support_indexes_" + UUID.randomUUID().toString().substring(0, 8));
        new MongoIndexInitializer(mongo, List.of(DECLARED), false).afterSingletonsInstantiated();
        assertThat(indexNames("things")).doesNotContain("number", "outbox_pending");
    }

    private List<String> indexNames(String collection) {
        return mongo.getCollection(collection).listIndexes().into(new ArrayList<>()).stream().map(d -> d.getString("name")).toList();
    }
}
