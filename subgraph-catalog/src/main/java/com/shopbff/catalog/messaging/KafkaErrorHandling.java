package com.shopbff.catalog.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A storehouse command that fails (MongoDB unreachable, say) is retried for about a minute before it is skipped,
 * rather than ten times at once: every handler is idempotent, so retrying is always safe, and a skipped command
 * leaves the order saga to its timeout.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaErrorHandling {

    @Bean
    CommonErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(60_000);
        return new DefaultErrorHandler(backOff);
    }
}
