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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two guarantees {@link EmbeddedBackends} adds to the embedded server, on both backends: reads see a document
 * wholly before or after a concurrent write, and queries on {@code _id} plus further conditions (as our conditional
 * writes send them) use the {@code _id} index and still match every condition.
 */
class EmbeddedBackendsTest {
    private static final int FIELDS = 12;
    private static final int WRITES = 3_000;

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

    /**
     * The stock server applied an update field by field to the very document object that a concurrent read was still
     * encoding onto the wire, so a read could pair the old balance with the new sequence number, and a compare-and-set
     * on that sequence number then wrote a stale balance (a wallet charged 51 times for 50 units of money).
     */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void readsRacingUpdatesOfOneDocumentSeeItWhollyBeforeOrWhollyAfterEachWrite(String backend) throws Exception {
        try (EmbeddedMongo mongo = start(backend); MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> wallets = client.getDatabase("t").getCollection("wallets");
            Document initial = new Document("_id", "w");
            for (int f = 0; f < FIELDS; f++) initial.append("f" + f, 0L);
            initial.append("recent", List.of());
            wallets.insertOne(initial);

            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
            AtomicInteger reads = new AtomicInteger();
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<?>> readers = new ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    boolean viaFindAndModify = r == 2;
                    readers.add(pool.submit(() -> {
                        while (writing.get()) {
                            Document d = viaFindAndModify
                                    ? wallets.findOneAndUpdate(Filters.eq("_id", "w"), Updates.set("touched", true),
                                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                                    : wallets.find(Filters.eq("_id", "w")).first();
                            long first = d.getLong("f0");
                            for (int f = 1; f < FIELDS; f++) {
                                if (d.getLong("f" + f) != first) torn.add(d.toJson());
                            }
                            if (d.getList("recent", Object.class).size() != Math.min(first, 8)) torn.add(d.toJson());
                            reads.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (long n = 1; n <= WRITES; n++) {
                    List<org.bson.conversions.Bson> sets = new ArrayList<>();
                    for (int f = 0; f < FIELDS; f++) sets.add(Updates.set("f" + f, n));
                    sets.add(Updates.pushEach("recent", List.of(n), new com.mongodb.client.model.PushOptions().slice(-8)));
                    long matched = wallets.updateOne(Filters.and(Filters.eq("_id", "w"), Filters.eq("f0", n - 1)),
                            Updates.combine(sets)).getMatchedCount();
                    assertThat(matched).isEqualTo(1);
                }
                writing.set(false);
                for (Future<?> reader : readers) reader.get();
            }
            System.out.printf("[figure] %s backend: %d reads raced %d writes, %d torn%n", backend, reads.get(), WRITES, torn.size());
            assertThat(reads.get()).isPositive();
            assertThat(torn).as("documents read half before, half after a write").isEmpty();
        }
    }
}
