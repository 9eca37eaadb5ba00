package com.shopbff.support.messaging;

import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;

/**
 * The error handler of a subgraph's Kafka listeners. A handler that throws (MongoDB unreachable, say) gets the same
 * record again with growing pauses (200 ms, doubling, at most 10 s apart) for {@code giveUpAfter}, instead of Spring
 * Kafka's default of ten immediate retries that would drop the record on a short database hiccup; then the record is
 * logged and skipped. Safe because every handler is idempotent. Unreadable records never get here:
 * {@link InboundMessages} skips them.
 */
public final class KafkaErrorHandlers {
    private KafkaErrorHandlers() {
    }

    public static DefaultErrorHandler retryingFor(Duration giveUpAfter) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(giveUpAfter.toMillis());
        return new DefaultErrorHandler(backOff);
    }
}
