package com.shopbff.catalog.search;

import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.contracts.CatalogEvent;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps this instance's index current with changes made by other catalog instances. Every instance reads every
 * event (a consumer group of its own) and re-reads the product from MongoDB, the source of truth; its own writes
 * come back too and change nothing (the index keeps the newest version). It starts a little before this
 * instance's start, so no change made while the index was being rebuilt slips through.
 */
@Component
public class ProductIndexListener implements ConsumerSeekAware {
    private static final Logger log = LoggerFactory.getLogger(ProductIndexListener.class);
    private static final Duration REPLAY = Duration.ofMinutes(1);

    private final ProductIndex index;
    private final Instant startedAt = Instant.now();
    private final String groupId = "subgraph-catalog-index-" + UUID.randomUUID();

    public ProductIndexListener(ProductIndex index) {
        this.index = index;
    }

    public String groupId() {
        return groupId;
    }

    @KafkaListener(id = "catalog-index", topics = Topics.CATALOG_EVENTS, groupId = "#{__listener.groupId()}",
            properties = {"auto.offset.reset=latest"}, containerPostProcessor = "productIndexCommitsPerPoll")
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        Envelope<Message> envelope = InboundMessages.decode(record).orElse(null);
        if (envelope == null) return;
        switch (envelope.payload()) {
            case CatalogEvent.ProductChanged e -> index.reloadNow(e.productId());
            case CatalogEvent.StockChanged e -> {
                if (!index.showsStock(e.productId(), e.stock())) index.reload(e.productId());
            }
            default -> { }
        }
    }

    /** Commits the index group's offsets after each poll's records are in the index (see the class comment). */
    @Bean
    static ContainerPostProcessor<String, byte[], AbstractMessageListenerContainer<String, byte[]>> productIndexCommitsPerPoll() {
        return container -> container.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToTimestamp(assignments.keySet(), startedAt.minus(REPLAY).toEpochMilli());
    }
}
