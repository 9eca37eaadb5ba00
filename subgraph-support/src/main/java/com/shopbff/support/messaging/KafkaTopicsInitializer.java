package com.shopbff.support.messaging;

import com.shopbff.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the shop's topics ({@link Topics#ALL}) that do not exist yet, before the Kafka listeners start. Only
 * creates: an existing topic is left as it is (raising the partition count of a live topic would move keys to other
 * partitions and break the per-key order every consumer relies on; that is an operator's decision). A topic that
 * exists with fewer replicas than configured is reported. Every instance of every subgraph runs this; creating a
 * topic another instance just created is not an error. When the brokers cannot be reached it logs and lets the
 * application start (its producers and consumers retry on their own).
 */
public class KafkaTopicsInitializer implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(KafkaTopicsInitializer.class);
    private static final long TIMEOUT_MS = 30_000;
    /** {@code retention.ms} of {@link Topics#SESSION_REVOCATIONS}: a day (access tokens live minutes). */
    static final long REVOCATIONS_RETENTION_MS = 24 * 60 * 60 * 1000L;

    private final Map<String, Object> adminConfig;
    private final KafkaTopicsProperties properties;

    /** @param adminConfig the admin client's configuration (bootstrap servers, security), e.g. Spring's KafkaAdmin's */
    public KafkaTopicsInitializer(Map<String, Object> adminConfig, KafkaTopicsProperties properties) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.properties = properties;
    }

    /** The topics as this configuration creates them. */
    public List<NewTopic> newTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.ALL) {
            NewTopic t = new NewTopic(name, Optional.ofNullable(properties.partitions()), Optional.ofNullable(properties.replicationFactor()));
            Map<String, String> configs = new HashMap<>();
            if (properties.minInsyncReplicas() != null) configs.put("min.insync.replicas", properties.minInsyncReplicas().toString());
            // Read whole by every router and subgraph instance; only the last access-token lifetime matters.
            if (name.equals(Topics.SESSION_REVOCATIONS)) configs.put("retention.ms", String.valueOf(REVOCATIONS_RETENTION_MS));
            if (!configs.isEmpty()) t.configs(configs);
            topics.add(t);
        }
        return topics;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.create()) return;
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = newTopics().stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                CreateTopicsResult result = admin.createTopics(missing);
                for (NewTopic t : missing) {
                    try {
                        result.values().get(t.name()).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                        log.info("created Kafka topic {} (partitions {}, replication factor {}, {})", t.name(),
                                t.numPartitions() < 0 ? "broker default" : t.numPartitions(),
                                t.replicationFactor() < 0 ? "broker default" : t.replicationFactor(),
                                t.configs() == null ? "broker's defaults" : t.configs());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) throw e;
                    }
                }
            }
            if (properties.replicationFactor() != null) {
                Map<String, TopicDescription> described = admin.describeTopics(Topics.ALL).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                described.values().forEach(d -> {
                    int replicas = d.partitions().getFirst().replicas().size();
                    if (replicas < properties.replicationFactor()) {
                        log.warn("Kafka topic {} has {} replicas, fewer than the configured {}: it was created before; raise it with "
                                + "kafka-reassign-partitions", d.name(), replicas, properties.replicationFactor());
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("could not create the Kafka topics at {} ({}); the application starts anyway, its clients retry",
                    adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG),
                    e.getMessage());
        }
    }
}
