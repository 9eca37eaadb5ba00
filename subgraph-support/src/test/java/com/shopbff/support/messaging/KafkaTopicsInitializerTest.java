package com.shopbff.support.messaging;

import com.shopbff.contracts.Topics;
import com.shopbff.embedded.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Topic creation at start-up against a real broker of its own (no topics created beforehand). */
class KafkaTopicsInitializerTest {
    private static EmbeddedKafka broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafka.startTemporary();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void createsTheMissingTopicsWithTheConfiguredSettingsAndLeavesAnExistingTopicAsItIs() throws Exception {
        admin.createTopics(List.of(new NewTopic(Topics.ORDER_EVENTS, 2, (short) 1))).all().get();
        var initializer = new KafkaTopicsInitializer(config(), new KafkaTopicsProperties(true, 4, (short) 1, 1));

        initializer.afterSingletonsInstantiated();
        initializer.afterSingletonsInstantiated(); // every instance of every subgraph runs it: the second run changes nothing

        Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(topics.get(Topics.ORDER_EVENTS).partitions()).as("an existing topic keeps its partitions (keys stay put)").hasSize(2);
        assertThat(topics.get(Topics.WALLET_COMMANDS).partitions()).hasSize(4);
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.WALLET_COMMANDS);
        assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("min.insync.replicas").value()).isEqualTo("1");
        var revocations = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SESSION_REVOCATIONS);
        assertThat(admin.describeConfigs(List.of(revocations)).all().get().get(revocations).get("retention.ms").value())
                .as("revocations are kept a day").isEqualTo("86400000");
    }

    @Test
    void switchedOffItCreatesNothing() throws Exception {
        var before = admin.listTopics().names().get();
        new KafkaTopicsInitializer(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), new KafkaTopicsProperties(false, null, null, null))
                .afterSingletonsInstantiated();
        assertThat(admin.listTopics().names().get()).isEqualTo(before);
    }

    @Test
    void aMinInsyncReplicasAboveTheReplicationFactorIsRefused() {
        assertThatThrownBy(() -> new KafkaTopicsProperties(true, 3, (short) 2, 3))
                .hasMessageContaining("min-insync-replicas (3) cannot exceed the replication factor (2)");
    }

    private static Map<String, Object> config() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }

}
