package com.shopbff.notifications.config;

import com.shopbff.support.messaging.KafkaErrorHandlers;
import java.time.Duration;
import com.shopbff.notifications.notification.NotificationRepository;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.util.concurrent.ThreadPoolExecutor;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(NotificationsProperties.class)
public class NotificationsConfiguration {

    /** Sends the NotificationCreated events kept in each notification document's outbox. */
    @Bean
    OutboxRelay notificationOutboxRelay(MongoTemplate mongo, MessagePublisher publisher, ThreadPoolExecutor notificationRelayExecutor) {
        return new OutboxRelay(mongo, publisher, NotificationRepository.COLLECTION, notificationRelayExecutor);
    }

    /** The relay's own threads: the Kafka listener that stores a notification does not wait for the broker. */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor notificationRelayExecutor() {
        return OutboxRelay.newExecutor("notifications-relay", 2);
    }

    /**
     * A failing handler (MongoDB unreachable) retries the same record with growing pauses for up to two minutes
     * before giving up on it, instead of Spring Kafka's default of ten immediate retries, which would drop a
     * notification on a database hiccup. Unreadable messages never get here: the listeners skip them.
     */
    @Bean
    CommonErrorHandler kafkaErrorHandler() {
        return KafkaErrorHandlers.retryingFor(Duration.ofMinutes(2));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
