package com.shopbff.router;

import com.shopbff.router.edge.EdgeConfig;
import com.shopbff.router.edge.EdgeOptions;
import com.shopbff.router.limits.Limits;
import com.shopbff.router.telemetry.RouterLogging;
import com.shopbff.router.telemetry.TelemetrySettings;
import com.shopbff.router.subscription.SubscriptionSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Standalone entry point: {@code java -jar bff-router.jar --supergraph FILE --port N}. Environment fallbacks:
 * {@code SUPERGRAPH_PATH}, {@code ROUTER_PORT}, {@code JWKS_URL}, {@code SUBGRAPH_TIMEOUT_MS}; subgraph URLs
 * {@code --subgraph-url NAME=URL} or {@code SUBGRAPH_<NAME>_URL} (overriding the supergraph's); the revocation feed
 * {@code --revocation-kafka HOST:PORT} ({@code REVOCATION_KAFKA}), {@code --revocation-topic} ({@code REVOCATION_TOPIC}),
 * {@code --revocation-keep-minutes} ({@code REVOCATION_KEEP_MINUTES}); request limits
 * {@code --max-depth N} or {@code ROUTER_MAX_DEPTH} and so on (see {@link Limits#NAMES}; 0 = unlimited); telemetry
 * {@code --metrics-port N} / {@code ROUTER_METRICS_PORT}, {@code --no-metrics} / {@code ROUTER_METRICS=off},
 * {@code --request-log} / {@code ROUTER_REQUEST_LOG=on}, {@code LOG_FORMAT=json}, traces by the {@code OTEL_*}
 * variables (see {@link TelemetrySettings}).
 * Exits promptly on SIGTERM.
 */
public final class RouterMain {
    private RouterMain() {
    }

    public static void main(String[] args) {
        try {
            RouterLogging.configure(System.getenv());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
        TelemetrySettings telemetry = TelemetrySettings.DEFAULTS;
        try {
            telemetry = TelemetrySettings.from(telemetry, System.getenv()); // flags below win over the environment
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
        String supergraph = System.getenv("SUPERGRAPH_PATH");
        String port = System.getenv().getOrDefault("ROUTER_PORT", "4000");
        String jwks = System.getenv("JWKS_URL");
        String timeout = System.getenv().getOrDefault("SUBGRAPH_TIMEOUT_MS", "30000");
        String revocationKafka = System.getenv("REVOCATION_KAFKA");
        String revocationTopic = System.getenv("REVOCATION_TOPIC");
        String revocationKeep = System.getenv("REVOCATION_KEEP_MINUTES");
        Map<String, String> limitFlags = new HashMap<>();
        Map<String, String> subgraphUrls = new HashMap<>(subgraphUrlsFromEnvironment(System.getenv()));
        Map<String, String> edgeFlags = new HashMap<>();
        Map<String, String> subscriptionFlags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String next = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--supergraph" -> { supergraph = next; i++; }
                case "--port" -> { port = next; i++; }
                case "--jwks-url" -> { jwks = next; i++; }
                case "--subgraph-timeout-ms" -> { timeout = next; i++; }
                case "--subgraph-url" -> { putSubgraphUrl(subgraphUrls, next); i++; }
                case "--revocation-kafka" -> { revocationKafka = next; i++; }
                case "--revocation-topic" -> { revocationTopic = next; i++; }
                case "--revocation-keep-minutes" -> { revocationKeep = next; i++; }
                case "--dedup-subgraph-requests" -> System.setProperty("router.dedupSubgraphRequests", "true");
                case "--subgraph-client" -> { System.setProperty("router.subgraphClient", String.valueOf(next)); i++; }
                case "--metrics-port" -> { telemetry = telemetry.withMetricsPort(metricsPort(next)); i++; }
                case "--no-metrics" -> telemetry = telemetry.withMetrics(false);
                case "--request-log" -> telemetry = telemetry.withRequestLog(true);
                case "--dedup-requests" -> System.setProperty("router.dedupRequests", "true");
                case "--help", "-h" -> {
                    System.out.println("usage: bff-router --supergraph FILE [--port N] [--jwks-url URL] [--subgraph-timeout-ms MS] [--subgraph-url NAME=URL]... [--dedup-subgraph-requests] [--subgraph-client netty|vertx] [--dedup-requests]"
                            + " [--metrics-port N] [--no-metrics] [--request-log]"
                            + " [--revocation-kafka HOST:PORT [--revocation-topic NAME] [--revocation-keep-minutes N]]"
                            + " [--max-depth N] [--max-aliases N] [--max-root-fields N] [--max-tokens N]"
                            + " [--max-whitespace-tokens N] [--max-body-bytes N] [--max-page-size N]"
                            + " [--max-introspection-depth N] [--max-fields N]   (limits: 0 = unlimited)"
                            + " [--subscription-buffer-bytes N] [--subscription-keepalive-ms MS]"
                            + " [--subscription-streams-per-connection N] [--subscription-dedup true|false]");
                    return;
                }
                default -> {
                    String name = a.startsWith("--") ? a.substring(2, a.contains("=") ? a.indexOf('=') : a.length()) : "";
                    if (EdgeOptions.isOption(name)) {
                        if (a.contains("=")) edgeFlags.put(name, a.substring(a.indexOf('=') + 1));
                        else if (next == null || next.startsWith("--")) edgeFlags.put(name, "true"); // a bare switch
                        else {
                            edgeFlags.put(name, next);
                            i++;
                        }
                    } else if (a.startsWith("--supergraph=")) supergraph = a.substring(13);
                    else if (a.startsWith("--subgraph-url=")) putSubgraphUrl(subgraphUrls, a.substring(15));
                    else if (a.startsWith("--port=")) port = a.substring(7);
                    else if (a.startsWith("--max-") && a.contains("=")) {
                        limitFlags.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
                    } else if (a.startsWith("--max-")) {
                        limitFlags.put(a.substring(2), next);
                        i++;
                    } else if (a.startsWith("--subscription-") && a.contains("=")) {
                        subscriptionFlags.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
                    } else if (a.startsWith("--subscription-")) {
                        subscriptionFlags.put(a.substring(2), next);
                        i++;
                    }
                    else fail("unknown argument: " + a);
                }
            }
        }
        if (supergraph == null) fail("--supergraph FILE (or SUPERGRAPH_PATH) is required");
        Path p = Path.of(supergraph);
        if (!Files.isReadable(p)) fail("cannot read supergraph file " + p);
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            fail("port must be a number: " + port);
            return;
        }
        Limits limits;
        SubscriptionSettings subscriptions;
        try {
            limits = Limits.from(Limits.DEFAULTS, System.getenv(), limitFlags);
            subscriptions = SubscriptionSettings.from(System.getenv(), subscriptionFlags);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        com.shopbff.router.auth.RevocationSettings revocation = null;
        if (revocationKafka != null && !revocationKafka.isBlank()) {
            if (jwks == null || jwks.isBlank()) fail("--revocation-kafka needs --jwks-url (revocation refuses tokens that validate)");
            try {
                revocation = new com.shopbff.router.auth.RevocationSettings(revocationKafka, revocationTopic,
                        revocationKeep == null || revocationKeep.isBlank() ? null : Duration.ofMinutes(Long.parseLong(revocationKeep.trim())));
            } catch (IllegalArgumentException e) {
                fail("revocation feed: " + e.getMessage());
                return;
            }
        }
        EdgeConfig edge;
        try {
            edge = EdgeOptions.from(System.getenv(), edgeFlags);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        long t0 = System.nanoTime();
        Router router;
        try {
            router = Router.start(new RouterConfig(null, p, portNumber, jwks == null || jwks.isBlank() ? null : jwks,
                    subgraphUrls, Duration.ofMillis(Long.parseLong(timeout)), limits).withSubscriptions(subscriptions).withEdge(edge)
                    .withRevocation(revocation).withTelemetry(telemetry));
        } catch (RuntimeException e) {
            fail("router failed to start: " + e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(router::close, "router-shutdown"));
        System.out.printf("bff-router listening on http://0.0.0.0:%d/graphql (%d subgraphs, %s transport, started in %d ms)%n",
                router.port(), router.supergraph().graphs().size(), router.transport(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Subgraph URL overrides from the environment: {@code SUBGRAPH_ORDERS_URL=http://orders:4003/graphql} overrides
     * the URL of the subgraph named {@code orders} (the name upper-cased, other characters than letters and digits as
     * {@code _}). A deployment sets these because the supergraph's URLs are where the subgraphs ran when it was composed.
     */
    static Map<String, String> subgraphUrlsFromEnvironment(Map<String, String> env) {
        Map<String, String> urls = new HashMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith("SUBGRAPH_") && key.endsWith("_URL") && key.length() > "SUBGRAPH__URL".length()
                    && value != null && !value.isBlank()) {
                urls.put(key.substring("SUBGRAPH_".length(), key.length() - "_URL".length()), value.trim());
            }
        });
        return urls;
    }

    private static void putSubgraphUrl(Map<String, String> urls, String nameEqualsUrl) {
        int eq = nameEqualsUrl == null ? -1 : nameEqualsUrl.indexOf('=');
        if (eq <= 0 || eq == nameEqualsUrl.length() - 1) fail("--subgraph-url takes NAME=URL, not '" + nameEqualsUrl + "'");
        urls.put(nameEqualsUrl.substring(0, eq), nameEqualsUrl.substring(eq + 1));
    }

    private static int metricsPort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException | NullPointerException e) {
            fail("--metrics-port must be a port number, not " + value);
            return 0;
        }
    }

    private static void fail(String message) {
        System.err.println("bff-router: " + message);
        System.exit(2);
    }
}
