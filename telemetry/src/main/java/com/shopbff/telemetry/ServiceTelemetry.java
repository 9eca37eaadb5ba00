package com.shopbff.telemetry;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The OpenTelemetry SDK of one service, configured the standard way: the {@code OTEL_*} environment variables and
 * {@code otel.*} system properties of the OpenTelemetry SDK autoconfiguration (exporter, OTLP endpoint, protocol and
 * headers, sampler, propagators, resource attributes, batch processor), with these defaults of ours:
 * <ul>
 *   <li>traces are exported only when asked for: {@code OTEL_TRACES_EXPORTER}, or an OTLP endpoint
 *       ({@code OTEL_EXPORTER_OTLP_ENDPOINT} / {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, which then means
 *       {@code otlp}); otherwise the exporter is {@code none};</li>
 *   <li>with no exporter and no {@code OTEL_TRACES_SAMPLER}, nothing is sampled: spans cost next to nothing, and trace
 *       ids still propagate (W3C {@code traceparent}) and appear in logs;</li>
 *   <li>metrics and logs are not exported through OpenTelemetry ({@code OTEL_METRICS_EXPORTER} /
 *       {@code OTEL_LOGS_EXPORTER} still can): metrics are scraped from Prometheus endpoints, logs go to stdout;</li>
 *   <li>{@code service.name} is the service's own name unless {@code OTEL_SERVICE_NAME} or
 *       {@code OTEL_RESOURCE_ATTRIBUTES} says otherwise.</li>
 * </ul>
 * Several services can run in one JVM (the local stack): each gets its own SDK, none is registered as the global one.
 *
 * @param sdk            the SDK; closing this closes it (pending spans are flushed)
 * @param tracesExported whether a trace exporter is configured (else spans are worth creating only to propagate ids)
 */
public record ServiceTelemetry(OpenTelemetrySdk sdk, boolean tracesExported) implements AutoCloseable {

    /** Builds the SDK of {@code serviceName}; close it when the service stops. */
    public static ServiceTelemetry create(String serviceName) {
        AtomicBoolean exported = new AtomicBoolean();
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesCustomizer(config -> {
                    Map<String, String> add = defaults(config, serviceName);
                    String exporter = add.getOrDefault("otel.traces.exporter", config.getString("otel.traces.exporter", "none"));
                    exported.set(!exporter.trim().equals("none"));
                    return add;
                })
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return new ServiceTelemetry(sdk, exported.get());
    }

    @Override
    public void close() {
        sdk.close();
    }

    /**
     * The settings this project adds to what the environment configured: only keys the environment left unset.
     * Package-private for tests.
     */
    static Map<String, String> defaults(ConfigProperties config, String serviceName) {
        Map<String, String> add = new HashMap<>();
        String exporter = config.getString("otel.traces.exporter");
        if (exporter == null) {
            boolean endpoint = config.getString("otel.exporter.otlp.endpoint") != null
                    || config.getString("otel.exporter.otlp.traces.endpoint") != null;
            exporter = endpoint ? "otlp" : "none";
            add.put("otel.traces.exporter", exporter);
        }
        if ("none".equals(exporter.trim()) && config.getString("otel.traces.sampler") == null) {
            add.put("otel.traces.sampler", "always_off");
        }
        if (config.getString("otel.metrics.exporter") == null) add.put("otel.metrics.exporter", "none");
        if (config.getString("otel.logs.exporter") == null) add.put("otel.logs.exporter", "none");
        if (config.getString("otel.service.name") == null
                && !config.getMap("otel.resource.attributes").containsKey("service.name")) {
            add.put("otel.service.name", serviceName);
        }
        return add;
    }
}
