package com.shopbff.router.telemetry;

import com.shopbff.router.pipeline.GraphQLRequest;
import com.shopbff.router.pipeline.RouterObserver;
import com.shopbff.telemetry.ServiceTelemetry;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The router's telemetry as one {@link RouterObserver}: Prometheus metrics ({@link RouterMetrics}), spans
 * ({@link RouterTracing}, only when a trace exporter is configured or an OpenTelemetry instance is given) and the
 * request log ({@link RequestLog}, when switched on). With tracing and the request log off, observing a request
 * allocates one small object and no subgraph call allocates anything.
 */
public final class RouterTelemetry implements RouterObserver, AutoCloseable {
    private final TelemetrySettings settings;
    private final RouterMetrics metrics;
    private final RouterTracing tracing;
    private final ServiceTelemetry ownedSdk;
    private final boolean requestLog;
    private final ConcurrentHashMap<String, SubgraphCallObservation> untracedCalls = new ConcurrentHashMap<>();

    private RouterTelemetry(TelemetrySettings settings, RouterMetrics metrics, RouterTracing tracing, ServiceTelemetry ownedSdk) {
        this.settings = settings;
        this.metrics = metrics;
        this.tracing = tracing;
        this.ownedSdk = ownedSdk;
        this.requestLog = settings.requestLog() && RequestLog.enabled();
    }

    /** Sets up what {@code settings} asks for; close it with the router. */
    public static RouterTelemetry start(TelemetrySettings settings) {
        RouterMetrics metrics = settings.metrics() ? new RouterMetrics(settings.maxOperationNames()) : null;
        if (settings.openTelemetry() != null) {
            return new RouterTelemetry(settings, metrics, new RouterTracing(settings.openTelemetry()), null);
        }
        ServiceTelemetry sdk = ServiceTelemetry.create(settings.serviceName());
        if (!sdk.tracesExported()) {
            sdk.close();
            return new RouterTelemetry(settings, metrics, null, null);
        }
        return new RouterTelemetry(settings, metrics, new RouterTracing(sdk.sdk()), sdk);
    }

    public TelemetrySettings settings() {
        return settings;
    }

    /** The metrics, or null when they are off. */
    public RouterMetrics metrics() {
        return metrics;
    }

    /** Whether the router makes spans. */
    public boolean tracing() {
        return tracing != null;
    }

    /** Answers a Prometheus scrape ({@code GET} the metrics path); the text is built off the event loop. */
    public void serveMetrics(Vertx vertx, HttpServerRequest req) {
        if (metrics == null) {
            req.response().setStatusCode(404).end();
            return;
        }
        vertx.executeBlocking(metrics::scrape, false).onComplete(ar -> {
            if (ar.succeeded()) {
                req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(ar.result());
            } else {
                req.response().setStatusCode(500).putHeader("content-type", "text/plain").end("metrics unavailable");
            }
        });
    }

    @Override
    public RequestObservation requestStarted(GraphQLRequest request) {
        if (metrics != null) metrics.requestStarted();
        Span span = tracing == null ? null : tracing.requestSpan(request.headers());
        return new Request(span, requestLog && span == null ? request.headers().get("traceparent") : null);
    }

    private SubgraphCallObservation untraced(String subgraph) {
        SubgraphCallObservation o = untracedCalls.get(subgraph);
        if (o != null) return o;
        return untracedCalls.computeIfAbsent(subgraph, s -> new SubgraphCallObservation() {
            @Override
            public void finished(int httpStatus, long durationNanos, Throwable failure) {
                if (metrics != null) metrics.subgraphCallFinished(s, httpStatus, durationNanos, failure);
            }
        });
    }

    /** One request's observation. */
    private final class Request implements RequestObservation {
        private final long start = System.nanoTime();
        private final Span span;
        private final String callerTraceparent;
        private String operationName;
        private String operationType;

        Request(Span span, String callerTraceparent) {
            this.span = span;
            this.callerTraceparent = callerTraceparent;
        }

        @Override
        public void operationResolved(String name, String type) {
            operationName = name;
            operationType = type;
            if (span != null) {
                span.updateName(name == null ? type : type + " " + name);
                span.setAttribute(RouterTracing.OPERATION_TYPE, type);
                if (name != null) span.setAttribute(RouterTracing.OPERATION_NAME, name);
            }
        }

        @Override
        public void planCache(boolean hit) {
            if (metrics != null) metrics.planCache(hit);
        }

        @Override
        public SubgraphCallObservation subgraphCallStarted(String subgraph) {
            if (span == null) return untraced(subgraph);
            Span call = tracing.subgraphSpan(span, subgraph);
            return new SubgraphCallObservation() {
                @Override
                public Map<String, String> outgoingHeaders(Map<String, String> headers) {
                    return tracing.inject(call, headers);
                }

                @Override
                public void finished(int httpStatus, long durationNanos, Throwable failure) {
                    if (metrics != null) metrics.subgraphCallFinished(subgraph, httpStatus, durationNanos, failure);
                    if (httpStatus > 0) call.setAttribute(RouterTracing.HTTP_STATUS, (long) httpStatus);
                    if (failure != null) RouterTracing.failed(call, String.valueOf(failure.getMessage()));
                    else if (httpStatus >= 500) RouterTracing.failed(call, "HTTP " + httpStatus);
                    call.end();
                }
            };
        }

        @Override
        public void finished(Outcome outcome) {
            long nanos = System.nanoTime() - start;
            if (metrics != null) metrics.requestFinished(operationName, operationType, outcome.kind(), nanos);
            if (span != null) {
                span.setAttribute(RouterTracing.OUTCOME, outcome.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (!outcome.errorCodes().isEmpty()) span.setAttribute(RouterTracing.ERROR_CODES, outcome.errorCodes());
                if (outcome.kind() == Outcome.Kind.INTERNAL_ERROR) RouterTracing.failed(span, "internal router error");
                span.end();
            }
            if (requestLog) {
                String traceId = span != null && span.getSpanContext().isValid() ? span.getSpanContext().getTraceId()
                        : callerTraceparent != null && callerTraceparent.length() >= 35 ? callerTraceparent.substring(3, 35) : null;
                RequestLog.write(operationName, operationType, outcome, nanos, traceId);
            }
        }
    }

    @Override
    public void close() {
        if (metrics != null) metrics.close();
        if (ownedSdk != null) ownedSdk.close();
    }
}
