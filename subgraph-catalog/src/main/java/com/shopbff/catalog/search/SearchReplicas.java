package com.shopbff.catalog.search;

import com.shopbff.catalog.CatalogProperties;
import com.shopbff.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Read-your-writes for search across catalog instances. Each instance keeps its own index and follows the others'
 * writes on {@code catalog.events} ({@link ProductIndexListener}, one consumer group per instance, which commits an
 * event's offset only once its index shows the change). An administrator's product write therefore returns only when
 * every other live instance's index group has committed past the write's event — as Elasticsearch's
 * {@code refresh=wait_for} does for its replicas — or when {@code shop.catalog.search-replica-wait} has passed (an
 * instance that died a moment ago still counts as live until Kafka's session timeout drops it; the write is then
 * visible there as soon as it catches up). The groups that Kafka lists as {@code Stable} are the live instances: no
 * registry of our own.
 */
@Component
public class SearchReplicas implements DisposableBean {
    static final String GROUP_PREFIX = "subgraph-catalog-index-";
    private static final Logger log = LoggerFactory.getLogger(SearchReplicas.class);
    private static final long POLL_MS = 20;

    private final Admin admin;
    private final String ownGroup;
    private final Duration bound;
    private final Timer caughtUp;
    private final Timer timedOut;
    private volatile int partitions;

    public SearchReplicas(KafkaAdmin kafkaAdmin, ProductIndexListener listener, CatalogProperties properties, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, listener.groupId() + "-replicas");
        this.admin = Admin.create(config);
        this.ownGroup = listener.groupId();
        this.bound = properties.searchReplicaWait();
        Timer.Builder wait = Timer.builder("catalog.search.replica.wait")
                .description("Time an administrator's product write waited for the other instances' search indexes");
        this.caughtUp = wait.tag("outcome", "caught_up").register(meters);
        this.timedOut = wait.tag("outcome", "timed_out").register(meters);
    }

    /**
     * Waits until every other live catalog instance's index shows the product's change whose event the broker has
     * just acknowledged, at most {@code search-replica-wait}. Returns whether they all did; never throws (the write
     * itself is done either way).
     */
    public boolean awaitIndexed(String productId) {
        if (bound.isZero() || bound.isNegative()) return true;
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        try {
            List<String> peers = peers();
            if (peers.isEmpty()) return true;
            TopicPartition partition = partitionOf(productId);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(remainingMs(deadline), TimeUnit.MILLISECONDS).offset();
            for (;;) {
                if (allPast(peers, partition, end, deadline)) {
                    caughtUp.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    return true;
                }
                if (System.nanoTime() + POLL_MS * 1_000_000 > deadline) break;
                Thread.sleep(POLL_MS);
                peers = peers(); // an instance that stopped meanwhile is not waited for
                if (peers.isEmpty()) return true;
            }
            log.warn("the search index of {} did not show product {} within {} ms; it will once it catches up",
                    peers, productId, bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            log.warn("could not learn whether the other instances' search indexes show product {}: {}", productId, e.toString());
        }
        timedOut.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return false;
    }

    /** The index consumer groups of the other live instances. */
    public List<String> peers() throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        return admin.listGroups(ListGroupsOptions.forConsumerGroups().inGroupStates(Set.of(GroupState.STABLE)))
                .all().get(bound.toMillis() + 1_000, TimeUnit.MILLISECONDS).stream()
                .map(GroupListing::groupId)
                .filter(g -> g.startsWith(GROUP_PREFIX) && !g.equals(ownGroup))
                .toList();
    }

    private boolean allPast(List<String> peers, TopicPartition partition, long end, long deadline)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        for (String g : peers) specs.put(g, new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(partition)));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                admin.listConsumerGroupOffsets(specs).all().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        for (String g : peers) {
            OffsetAndMetadata at = committed.getOrDefault(g, Map.of()).get(partition);
            if (at == null || at.offset() < end) return false;
        }
        return true;
    }

    /** The partition the producer's default partitioner gives the product's events (keyed by product id). */
    private TopicPartition partitionOf(String productId) throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        int n = partitions;
        if (n == 0) {
            n = admin.describeTopics(List.of(Topics.CATALOG_EVENTS)).allTopicNames().get(bound.toMillis() + 1_000, TimeUnit.MILLISECONDS)
                    .get(Topics.CATALOG_EVENTS).partitions().size();
            partitions = n;
        }
        return new TopicPartition(Topics.CATALOG_EVENTS,
                BuiltInPartitioner.partitionForKey(productId.getBytes(StandardCharsets.UTF_8), n));
    }

    private static long remainingMs(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
