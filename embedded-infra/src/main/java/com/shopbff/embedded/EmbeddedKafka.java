package com.shopbff.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker + controller, one node) inside the JVM, started from
 * the Apache Kafka jars: the log directory is formatted on first use, then {@link KafkaRaftServer} starts and we
 * wait until {@code describeCluster} answers. {@code group.initial.rebalance.delay.ms=0} so consumers join at once.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaConfig config;
    private final String bootstrapServers;
    private final Path logDir;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int port, int partitions) {
        this.logDir = logDir;
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(partitions));
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.flush.interval.messages", "1000");
        p.put("log.retention.hours", "168");
        this.config = KafkaConfig.fromProps(p, false);
        format(logDir, 1, Uuid.randomUuid().toString());
        this.server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        this.bootstrapServers = "127.0.0.1:" + brokerPort;
        awaitReady();
        log.info("embedded Kafka broker (KRaft) at {} (log dir {})", bootstrapServers, logDir);
    }

    /**
     * Starts a broker whose log lives in {@code logDir} (formatted when empty, reused when already formatted, so
     * messages survive a restart). Port 0 picks a free port.
     */
    public static EmbeddedKafka start(Path logDir, int port, int partitions) {
        return new EmbeddedKafka(logDir, port, partitions);
    }

    /** A broker in a fresh temporary directory on a free port, for tests. */
    public static EmbeddedKafka startTemporary() {
        try {
            return new EmbeddedKafka(Files.createTempDirectory("kafka-test"), 0, 3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates topics that do not exist yet (idempotent). */
    public void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException("cannot create topic " + name, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    /**
     * Formats a KRaft log directory for node {@code nodeId} of cluster {@code clusterId} (controller listener
     * {@code CONTROLLER}), unless it is formatted already.
     */
    static void format(Path logDir, int nodeId, String clusterId) {
        try {
            Files.createDirectories(logDir);
            if (Files.exists(logDir.resolve("meta.properties"))) return;
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + logDir, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) return;
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Kafka broker did not become ready", last);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the broker (controlled shutdown, the log stays on disk) without releasing this handle: clients see the
     * broker go away and must reconnect after {@link #startBroker()}. For fault tests.
     */
    public synchronized void stopBroker() {
        if (server == null) return;
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("embedded Kafka broker at {} stopped", bootstrapServers);
    }

    /**
     * Starts the broker again on the same ports and log directory (same cluster id, topics, messages and committed
     * offsets), so clients configured with {@link #bootstrapServers()} reconnect by themselves.
     */
    public synchronized void startBroker() {
        if (server != null) return;
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady();
        log.info("embedded Kafka broker at {} started again", bootstrapServers);
    }

    /** {@link #stopBroker()} then {@link #startBroker()}. */
    public void restart() {
        stopBroker();
        startBroker();
    }

    @Override
    public synchronized void close() {
        stopBroker();
    }

    public Path logDir() {
        return logDir;
    }
}
