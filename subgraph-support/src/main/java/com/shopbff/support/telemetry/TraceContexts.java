package com.shopbff.support.telemetry;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.List;

/**
 * The trace context of a write, kept with what the write queued (an outbox entry) so that the Kafka record sent later,
 * from another thread, continues the same trace. Stored as a W3C {@code traceparent} value; read and written by the
 * OpenTelemetry W3C propagator.
 */
public final class TraceContexts {
    private static final String TRACEPARENT = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private TraceContexts() {
    }

    /** The {@code traceparent} of the current span, or null outside any trace. */
    public static String current() {
        String[] out = new String[1];
        W3C.inject(Context.current(), out, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key)) carrier[0] = value;
        });
        return out[0];
    }

    /** Makes {@code traceparent} (as returned by {@link #current()}; null is allowed) the current context until closed. */
    public static Scope resume(String traceparent) {
        if (traceparent == null || traceparent.isEmpty()) return Scope.noop();
        return W3C.extract(Context.root(), traceparent, GETTER).makeCurrent();
    }
}
