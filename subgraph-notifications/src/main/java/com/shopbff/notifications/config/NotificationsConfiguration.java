package com.shopbff.notifications.config;

import com.shopbff.notifications.notification.NotificationRepository;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(NotificationsProperties.class)
public class NotificationsConfiguration {

    /** Sends the NotificationCreated events kept in each notification document's outbox. */
    @Bean
    OutboxRelay notificationOutboxRelay(MongoTemplate mongo, MessagePublisher publisher) {
        return new OutboxRelay(mongo, publisher, NotificationRepository.COLLECTION);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
