package com.shopbff.customer.session;

import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.ThreadPoolExecutor;

/**
 * Sends the {@code outbox} entries of the {@code refresh_sessions} collection (the AccessRevoked of ended sessions)
 * to Kafka: right after the write, and every second for what a crash or a broker outage left behind.
 */
@Component
public class SessionOutbox {
    private static final Logger log = LoggerFactory.getLogger(SessionOutbox.class);
    private final ThreadPoolExecutor sender = OutboxRelay.newExecutor("session-outbox", 1);
    private final OutboxRelay relay;

    public SessionOutbox(MongoTemplate mongo, MessagePublisher publisher) {
        this.relay = new OutboxRelay(mongo, publisher, RefreshTokens.COLLECTION, sender);
    }

    public void relaySoon(String familyId) {
        relay.relayLater(familyId);
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
    }

    @Scheduled(fixedDelayString = "${shop.outbox.sweep-interval-ms:1000}", initialDelayString = "${shop.outbox.sweep-interval-ms:1000}")
    public void sweep() {
        try {
            relay.relayAll();
        } catch (RuntimeException e) {
            log.warn("session outbox sweep failed, retrying later: {}", e.getMessage());
        }
    }
}
