package com.shopbff.router.telemetry;

import io.opentelemetry.api.OpenTelemetry;

import java.util.Locale;
import java.util.Map;

/**
 * The router's telemetry settings (traces are configured by the standard {@code OTEL_*} variables instead, see
 * {@link com.shopbff.telemetry.ServiceTelemetry}).
 *
 * @param metrics           serve Prometheus metrics ({@code ROUTER_METRICS}, default on)
 * @param metricsPort       a separate port for them ({@code ROUTER_METRICS_PORT}); {@link #SAME_PORT} (the default):
 *                          the GraphQL port; 0: a free port
 * @param metricsPath       the path they are served at ({@code ROUTER_METRICS_PATH}, default {@code /metrics})
 * @param maxOperationNames distinct operation names that get series of their own ({@code ROUTER_METRICS_MAX_OPERATIONS},
 *                          default 200); later names are counted as {@code (other)}, so clients cannot grow the
 *                          metrics without bound
 * @param requestLog        one log line per request ({@code ROUTER_REQUEST_LOG=on}, default off): operation, type,
 *                          outcome, error codes, duration, trace id; JSON with {@code LOG_FORMAT=json}
 * @param serviceName       the {@code service.name} of the router's spans unless {@code OTEL_SERVICE_NAME} says otherwise
 * @param openTelemetry     an OpenTelemetry instance to trace with (embedding, tests); null: the router builds its own
 *                          from the {@code OTEL_*} variables and traces only when they configure an exporter
 */
public record TelemetrySettings(boolean metrics, int metricsPort, String metricsPath, int maxOperationNames,
                                boolean requestLog, String serviceName, OpenTelemetry openTelemetry) {
    /** {@link #metricsPort}: serve metrics on the GraphQL port. */
    public static final int SAME_PORT = -1;

    public static final TelemetrySettings DEFAULTS = new TelemetrySettings(true, SAME_PORT, "/metrics", 200, false,
            "bff-router", null);

    public TelemetrySettings {
        if (metricsPort < SAME_PORT || metricsPort > 65535) throw new IllegalArgumentException("metrics port out of range: " + metricsPort);
        if (metricsPath == null || !metricsPath.startsWith("/")) throw new IllegalArgumentException("the metrics path must start with /");
        if (maxOperationNames < 0) throw new IllegalArgumentException("the operation-name limit cannot be negative");
        serviceName = serviceName == null || serviceName.isBlank() ? "bff-router" : serviceName;
    }

    /** Settings from the environment ({@code ROUTER_METRICS*}, {@code ROUTER_REQUEST_LOG}) over {@code base}. */
    public static TelemetrySettings from(TelemetrySettings base, Map<String, String> env) {
        TelemetrySettings s = base;
        String v;
        if ((v = env.get("ROUTER_METRICS")) != null && !v.isBlank()) s = s.withMetrics(onOff("ROUTER_METRICS", v));
        if ((v = env.get("ROUTER_METRICS_PORT")) != null && !v.isBlank()) s = s.withMetricsPort(port("ROUTER_METRICS_PORT", v));
        if ((v = env.get("ROUTER_METRICS_PATH")) != null && !v.isBlank()) {
            s = new TelemetrySettings(s.metrics, s.metricsPort, v.trim(), s.maxOperationNames, s.requestLog, s.serviceName, s.openTelemetry);
        }
        if ((v = env.get("ROUTER_METRICS_MAX_OPERATIONS")) != null && !v.isBlank()) {
            s = new TelemetrySettings(s.metrics, s.metricsPort, s.metricsPath, number("ROUTER_METRICS_MAX_OPERATIONS", v),
                    s.requestLog, s.serviceName, s.openTelemetry);
        }
        if ((v = env.get("ROUTER_REQUEST_LOG")) != null && !v.isBlank()) s = s.withRequestLog(onOff("ROUTER_REQUEST_LOG", v));
        return s;
    }

    public TelemetrySettings withMetrics(boolean on) {
        return new TelemetrySettings(on, metricsPort, metricsPath, maxOperationNames, requestLog, serviceName, openTelemetry);
    }

    public TelemetrySettings withMetricsPort(int port) {
        return new TelemetrySettings(metrics, port, metricsPath, maxOperationNames, requestLog, serviceName, openTelemetry);
    }

    public TelemetrySettings withMaxOperationNames(int max) {
        return new TelemetrySettings(metrics, metricsPort, metricsPath, max, requestLog, serviceName, openTelemetry);
    }

    public TelemetrySettings withRequestLog(boolean on) {
        return new TelemetrySettings(metrics, metricsPort, metricsPath, maxOperationNames, on, serviceName, openTelemetry);
    }

    public TelemetrySettings withOpenTelemetry(OpenTelemetry otel) {
        return new TelemetrySettings(metrics, metricsPort, metricsPath, maxOperationNames, requestLog, serviceName, otel);
    }

    private static boolean onOff(String name, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, not '" + v + "'");
        };
    }

    private static int port(String name, String v) {
        int p = number(name, v);
        if (p > 65535) throw new IllegalArgumentException(name + " must be a port number, not '" + v + "'");
        return p;
    }

    private static int number(String name, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a non-negative number, not '" + v + "'");
        }
    }
}
