package com.shopbff.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Queries on {@code _id} plus further conditions, as our conditional writes send them, on both embedded backends. */
class IdLookupTest {
    @TempDir
    Path dir;

    private EmbeddedMongo start(String backend) {
        return "memory".equals(backend) ? EmbeddedMongo.inMemory(0) : EmbeddedMongo.fileBacked(dir.resolve("mongo.db"), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void conditionalWritesByIdApplyOnlyWhenEveryConditionHolds(String backend) {
        try (EmbeddedMongo mongo = start(backend); MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("t").getCollection("orders");
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 500; i++) docs.add(new Document("_id", "o" + i).append("version", 1).append("status", "PENDING"));
            orders.insertMany(docs);

            // version matches: applied, once
            assertThat(orders.updateOne(Filters.and(Filters.eq("_id", "o42"), Filters.eq("version", 1)),
                    Updates.combine(Updates.set("status", "RESERVED"), Updates.inc("version", 1))).getModifiedCount()).isEqualTo(1);
            assertThat(orders.updateOne(Filters.and(Filters.eq("_id", "o42"), Filters.eq("version", 1)),
                    Updates.set("status", "FAILED")).getModifiedCount()).isZero();
            Document after = orders.findOneAndUpdate(Filters.and(Filters.eq("_id", "o42"), Filters.eq("status", "RESERVED")),
                    Updates.inc("version", 1), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            assertThat(after).isNotNull();
            assertThat(after.getInteger("version")).isEqualTo(3);
            assertThat(orders.find(Filters.and(Filters.eq("_id", "o42"), Filters.eq("status", "PENDING"))).first()).isNull();

            // operators on _id still work (no narrowing), and other documents are untouched
            assertThat(orders.countDocuments(Filters.and(Filters.in("_id", "o1", "o2", "o42"), Filters.eq("status", "PENDING")))).isEqualTo(2);
            assertThat(orders.countDocuments(Filters.eq("status", "PENDING"))).isEqualTo(499);
            assertThat(orders.deleteOne(Filters.and(Filters.eq("_id", "o7"), Filters.eq("version", 1))).getDeletedCount()).isEqualTo(1);
            assertThat(orders.find(Filters.eq("_id", "o7")).first()).isNull();

            // an embedded-document _id matches as a whole value
            MongoCollection<Document> holds = client.getDatabase("t").getCollection("holds");
            holds.insertOne(new Document("_id", new Document("order", "o1").append("line", 2)).append("qty", 3));
            assertThat(holds.find(Filters.and(Filters.eq("_id", new Document("order", "o1").append("line", 2)), Filters.gte("qty", 3))).first())
                    .isNotNull();
            assertThat(holds.find(Filters.and(Filters.eq("_id", new Document("order", "o1").append("line", 2)), Filters.gte("qty", 4))).first())
                    .isNull();
        }
    }
}
