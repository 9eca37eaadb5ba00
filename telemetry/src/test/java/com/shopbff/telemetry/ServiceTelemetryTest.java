package com.shopbff.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTelemetryTest {

    private static Map<String, String> defaultsFor(Map<String, String> configured) {
        return ServiceTelemetry.defaults(DefaultConfigProperties.createFromMap(configured), "subgraph-orders");
    }

    @Test
    void withNothingConfiguredNothingIsExportedOrSampledAndTheServiceIsNamed() {
        assertThat(defaultsFor(Map.of())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "otel.traces.exporter", "none", "otel.traces.sampler", "always_off",
                "otel.metrics.exporter", "none", "otel.logs.exporter", "none",
                "otel.service.name", "subgraph-orders"));
    }

    @Test
    void anOtlpEndpointTurnsOnOtlpTraceExportWithTheStandardSampler() {
        Map<String, String> d = defaultsFor(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318"));
        assertThat(d).containsEntry("otel.traces.exporter", "otlp").doesNotContainKey("otel.traces.sampler");
        assertThat(defaultsFor(Map.of("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces")))
                .containsEntry("otel.traces.exporter", "otlp");
    }

    @Test
    void whatTheEnvironmentSetsIsNeverOverridden() {
        Map<String, String> configured = new HashMap<>();
        configured.put("otel.traces.exporter", "console");
        configured.put("otel.metrics.exporter", "otlp");
        configured.put("otel.logs.exporter", "otlp");
        configured.put("otel.resource.attributes", "service.name=orders-eu,deployment.environment=prod");
        assertThat(defaultsFor(configured)).isEmpty();
        assertThat(defaultsFor(Map.of("otel.service.name", "orders-1"))).doesNotContainKey("otel.service.name");
        assertThat(defaultsFor(Map.of("otel.traces.sampler", "parentbased_always_on")))
                .containsEntry("otel.traces.exporter", "none").doesNotContainKey("otel.traces.sampler");
    }

    @Test
    void withExportOffSpansStillCarryATraceIdThatPropagates() {
        try (ServiceTelemetry telemetry = ServiceTelemetry.create("bff-router")) {
            assertThat(telemetry.tracesExported()).isFalse();
            OpenTelemetrySdk sdk = telemetry.sdk();
            Span span = sdk.getTracer("test").spanBuilder("request").startSpan();
            SpanContext ctx = span.getSpanContext();
            assertThat(ctx.isValid()).isTrue();
            assertThat(ctx.isSampled()).isFalse();
            assertThat(span.isRecording()).isFalse();
            Map<String, String> headers = new HashMap<>();
            sdk.getPropagators().getTextMapPropagator().inject(io.opentelemetry.context.Context.current().with(span), headers, Map::put);
            assertThat(headers.get("traceparent")).isEqualTo("00-" + ctx.getTraceId() + "-" + ctx.getSpanId() + "-00");
            span.end();
        }
    }
}
