package com.shopbff.embedded;

import com.shopbff.embedded.EmbeddedKafka;

/**
 * One MongoDB-wire server and one Kafka broker per test JVM, started on first use and stopped when the JVM exits.
 * Tests isolate themselves by database name and consumer group, not by starting servers of their own.
 */
public final class SharedTestInfra {
    private static volatile EmbeddedMongo mongo;
    private static volatile EmbeddedKafka kafka;

    private SharedTestInfra() {}

    public static synchronized EmbeddedMongo mongo() {
        if (mongo == null) {
            mongo = EmbeddedMongo.inMemory(0);
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "test-mongo-stop"));
        }
        return mongo;
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.startTemporary();
            kafka.createTopics(com.shopbff.contracts.Topics.ALL, 3);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-stop"));
        }
        return kafka;
    }
}
