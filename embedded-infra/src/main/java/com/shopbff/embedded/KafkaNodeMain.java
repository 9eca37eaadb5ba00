package com.shopbff.embedded;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One node of a multi-broker Kafka cluster in KRaft mode, as its own process, for {@code scripts/cluster.sh}:
 * {@code KafkaNodeMain SERVER_PROPERTIES CLUSTER_ID}. Formats the node's log directory ({@code log.dirs}) for
 * {@code node.id} of that cluster when it is not formatted yet, then runs Apache Kafka's own entry point
 * ({@code kafka.Kafka}) on the properties file, exactly as {@code kafka-server-start.sh} would.
 */
public final class KafkaNodeMain {
    private KafkaNodeMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: KafkaNodeMain SERVER_PROPERTIES CLUSTER_ID");
            System.exit(2);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            p.load(r);
        }
        String logDirs = p.getProperty("log.dirs");
        String nodeId = p.getProperty("node.id");
        if (logDirs == null || logDirs.contains(",") || nodeId == null) {
            System.err.println("the properties need node.id and one log.dirs directory");
            System.exit(2);
        }
        EmbeddedKafka.format(Path.of(logDirs), Integer.parseInt(nodeId.trim()), args[1]);
        kafka.Kafka.main(new String[]{args[0]});
    }
}
