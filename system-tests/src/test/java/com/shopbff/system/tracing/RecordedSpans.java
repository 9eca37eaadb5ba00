package com.shopbff.system.tracing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory span exporter of the system tests, by name: {@code otel.traces.exporter=system-test-memory} (set for
 * the test JVM in this module's POM) makes every service of the in-JVM stack (router, subgraphs) export here through
 * the standard OpenTelemetry SDK autoconfiguration. Keeps the last {@value #CAPACITY} spans; a service that closes
 * (a fault test restarts some) does not stop it.
 */
public final class RecordedSpans implements ConfigurableSpanExporterProvider {
    static final int CAPACITY = 100_000;
    private static final ConcurrentLinkedQueue<SpanData> SPANS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SIZE = new AtomicInteger();

    /** The spans of one trace exported so far, in no particular order. */
    public static List<SpanData> ofTrace(String traceId) {
        return SPANS.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    @Override
    public String getName() {
        return "system-test-memory";
    }

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                SPANS.addAll(spans);
                for (int n = SIZE.addAndGet(spans.size()); n > CAPACITY; n = SIZE.decrementAndGet()) {
                    if (SPANS.poll() == null) break;
                }
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
