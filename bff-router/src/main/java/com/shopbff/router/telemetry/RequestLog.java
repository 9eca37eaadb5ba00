package com.shopbff.router.telemetry;

import com.shopbff.router.pipeline.RouterObserver.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * One line per GraphQL request on the logger {@code com.shopbff.router.requests}: the message reads as text, and the
 * same facts travel as key-value pairs ({@code operation}, {@code type}, {@code outcome}, {@code errors},
 * {@code duration_ms}, {@code trace_id}) that a JSON log ({@code LOG_FORMAT=json}) writes as fields.
 */
final class RequestLog {
    static final String LOGGER = "com.shopbff.router.requests";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    static boolean enabled() {
        return log.isInfoEnabled();
    }

    static void write(String operationName, String type, Outcome outcome, long nanos, String traceId) {
        String op = type == null ? RouterMetrics.UNKNOWN : operationName == null ? RouterMetrics.ANONYMOUS : operationName;
        String kind = outcome.kind().name().toLowerCase(Locale.ROOT);
        double ms = Math.round(nanos / 10_000.0) / 100.0;
        List<String> codes = outcome.errorCodes();
        log.atInfo()
                .addKeyValue("operation", op)
                .addKeyValue("type", type == null ? "unknown" : type)
                .addKeyValue("outcome", kind)
                .addKeyValue("errors", codes)
                .addKeyValue("duration_ms", ms)
                .addKeyValue("trace_id", traceId)
                .log("{} {} {} {} ms{}{}", type == null ? "unknown" : type, op, kind, ms,
                        codes.isEmpty() ? "" : " errors=" + codes, traceId == null ? "" : " trace=" + traceId);
    }
}
