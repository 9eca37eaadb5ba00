package com.shopbff.notifications.live;

import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.NotificationEvent.NotificationCreated;
import com.shopbff.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every instance reads every NotificationCreated (a consumer group of its own, starting at the end of the topic),
 * so a subscriber gets its notifications whichever instance stored them and whichever holds its socket.
 */
@Component
public class LiveNotificationsListener implements ConsumerSeekAware {
    private static final Logger log = LoggerFactory.getLogger(LiveNotificationsListener.class);
    private final String groupId = "subgraph-notifications-live-" + UUID.randomUUID();
    private final LiveNotifications live;
    private volatile boolean assigned;
    /**
     * Ids pushed lately: the outbox may send a NotificationCreated twice (a crash, or two instances relaying the same
     * document at once), and a subscriber should see a notification once.
     */
    private final Set<String> recent = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });

    public LiveNotificationsListener(LiveNotifications live) {
        this.live = live;
    }

    public String getGroupId() {
        return groupId;
    }

    /** Whether the live consumer has its partitions, i.e. notifications stored from now on will be pushed. */
    public boolean isAssigned() {
        return assigned;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        assigned = true;
    }

    @KafkaListener(topics = Topics.NOTIFICATION_EVENTS, groupId = "#{__listener.groupId}",
            properties = "auto.offset.reset=latest")
    public void onNotification(ConsumerRecord<String, byte[]> record) {
        Envelope<Message> event = InboundMessages.decode(record).orElse(null);
        if (event == null) return;
        if (event.payload() instanceof NotificationCreated n && recent.add(n.notificationId())) live.publish(n);
    }
}
