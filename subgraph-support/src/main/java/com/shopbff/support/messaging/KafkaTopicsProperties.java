package com.shopbff.support.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a subgraph creates the shop's Kafka topics at start-up ({@code shop.kafka.topics.*}; environment
 * {@code KAFKA_TOPICS_CREATE}, {@code KAFKA_TOPIC_PARTITIONS}, {@code KAFKA_TOPIC_REPLICATION_FACTOR},
 * {@code KAFKA_TOPIC_MIN_INSYNC_REPLICAS}).
 *
 * @param create            create missing topics at start-up (false where an admin step creates them, e.g. a cluster
 *                          whose ACLs do not let services create topics)
 * @param partitions        partitions of a created topic; null: the broker's {@code num.partitions}
 * @param replicationFactor replicas of a created topic; null: the broker's {@code default.replication.factor}
 * @param minInsyncReplicas {@code min.insync.replicas} of a created topic; null: the broker's default
 */
@ConfigurationProperties("shop.kafka.topics")
public record KafkaTopicsProperties(Boolean create, Integer partitions, Short replicationFactor, Integer minInsyncReplicas) {
    public KafkaTopicsProperties {
        if (create == null) create = true;
        if (partitions != null && partitions < 1) throw new IllegalArgumentException("shop.kafka.topics.partitions must be at least 1");
        if (replicationFactor != null && replicationFactor < 1) {
            throw new IllegalArgumentException("shop.kafka.topics.replication-factor must be at least 1");
        }
        if (minInsyncReplicas != null && replicationFactor != null && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("shop.kafka.topics.min-insync-replicas (" + minInsyncReplicas
                    + ") cannot exceed the replication factor (" + replicationFactor + ")");
        }
    }
}
