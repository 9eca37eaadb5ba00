package com.shopbff.catalog.messaging;

import com.shopbff.support.messaging.KafkaErrorHandlers;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * A storehouse command that fails (MongoDB unreachable, say) is retried for about a minute before it is skipped,
 * rather than ten times at once: every handler is idempotent, so retrying is always safe, and a skipped command
 * leaves the order saga to its timeout.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaErrorHandling {

    @Bean
    CommonErrorHandler kafkaErrorHandler() {
        return KafkaErrorHandlers.retryingFor(Duration.ofMinutes(1));
    }
}
