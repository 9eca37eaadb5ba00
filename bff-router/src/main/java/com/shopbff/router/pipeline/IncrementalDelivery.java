package com.shopbff.router.pipeline;

import io.vertx.core.Future;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The rest of an incremental response ({@code @defer}) after its initial payload: each subsequent payload
 * ({@code {"incremental":[{"data":..,"path":[..],"label":..}],"hasNext":..}}, the format of Apollo Router and
 * GraphQL Yoga, deferSpec 2022-08-24) goes to the consumer in order; the last one has {@code hasNext: false}.
 */
@FunctionalInterface
public interface IncrementalDelivery {
    /** Runs the deferred fetches and hands over their payloads; completes after the last. Called once. */
    Future<Void> deliver(Consumer<Map<String, Object>> payloads);
}
