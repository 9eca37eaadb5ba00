package com.shopbff.customer.privacy;

import com.shopbff.support.messaging.KafkaErrorHandlers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {
    /** The time privacy requests are stamped and swept with (a test may replace it). */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A reply that fails on a transient fault is retried for a minute, then given up (logged): the sweep asks the
     * subgraph for it again.
     */
    @Bean
    DefaultErrorHandler customerKafkaErrorHandler() {
        return KafkaErrorHandlers.retryingFor(Duration.ofMinutes(1));
    }
}
