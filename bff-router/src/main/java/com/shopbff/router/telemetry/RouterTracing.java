package com.shopbff.router.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

import java.util.HashMap;
import java.util.Map;

/**
 * The router's spans (OpenTelemetry): one SERVER span per GraphQL request, continuing the caller's W3C trace context
 * from the request headers, and one CLIENT span per subgraph request, whose context the subgraph receives in its
 * {@code traceparent} header. Vert.x runs a request on event-loop callbacks, so contexts are passed explicitly, never
 * made current on a thread.
 */
final class RouterTracing {
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("graphql.operation.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("graphql.operation.type");
    static final AttributeKey<String> SUBGRAPH = AttributeKey.stringKey("graphql.federation.subgraph");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("graphql.outcome");
    static final AttributeKey<java.util.List<String>> ERROR_CODES = AttributeKey.stringArrayKey("graphql.error.codes");

    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    RouterTracing(OpenTelemetry otel) {
        this.tracer = otel.getTracer("com.shopbff.router");
        this.propagator = otel.getPropagators().getTextMapPropagator();
    }

    /** The SERVER span of a request, child of the trace context in its (lower-case) headers if any. */
    Span requestSpan(Map<String, String> headers) {
        Context parent = propagator.extract(Context.root(), headers, HEADERS);
        return tracer.spanBuilder("graphql").setSpanKind(SpanKind.SERVER).setParent(parent).startSpan();
    }

    /** The CLIENT span of a subgraph request under {@code request}. */
    Span subgraphSpan(Span request, String subgraph) {
        return tracer.spanBuilder("subgraph " + subgraph).setSpanKind(SpanKind.CLIENT)
                .setParent(Context.root().with(request)).setAttribute(SUBGRAPH, subgraph).startSpan();
    }

    /** {@code headers} plus the trace context of {@code span} (replacing the caller's). */
    Map<String, String> inject(Span span, Map<String, String> headers) {
        Map<String, String> out = new HashMap<>(headers);
        out.remove("tracestate");
        propagator.inject(Context.root().with(span), out, (carrier, key, value) -> carrier.put(key, value));
        return out;
    }

    static void failed(Span span, String description) {
        span.setStatus(StatusCode.ERROR, description);
    }
}
