package com.shopbff.router.telemetry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The router's telemetry through a real router and real HTTP subgraphs: Prometheus metrics scraped over HTTP, spans
 * exported by an OpenTelemetry SDK (in-memory exporter), the request log captured from Logback.
 */
class RouterTelemetryTest {
    static final List<Map<String, Object>> PRODUCTS = List.of(
            Map.of("id", "p1", "sku", "S1", "package", "box", "name", "Table", "price", 100),
            Map.of("id", "p2", "sku", "S2", "package", "bag", "name", "Chair", "price", 50));
    static final InMemorySpanExporter spans = InMemorySpanExporter.create();
    static final ListAppender<ILoggingEvent> requestLog = new ListAppender<>();
    static OpenTelemetrySdk otel;
    static TestSubgraph products;
    static Router router;
    static RouterClient client;

    @BeforeAll
    static void start() {
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        requestLog.start();
        ((Logger) LoggerFactory.getLogger(RequestLog.LOGGER)).addAppender(requestLog);
        products = TestSubgraph.builder("""
                type Query { products: [Product!]! product(id: ID!): Product }
                type Product { id: ID! sku: String! package: String! name: String price: Int }
                """).query("products", PRODUCTS).entityTable("Product", "id", PRODUCTS).start();
        router = Router.start(config().withTelemetry(TelemetrySettings.DEFAULTS.withRequestLog(true).withOpenTelemetry(otel)));
        client = new RouterClient(router.port());
    }

    static RouterConfig config() {
        return RouterConfig.of(PlanSupport.resource("/supergraphs/entities.graphql"), 0)
                .withSubgraphUrls(Map.of("products", products.url(), "users", "http://127.0.0.1:1/users",
                        "reviews", "http://127.0.0.1:1/reviews", "inventory", "http://127.0.0.1:1/inventory"));
    }

    @AfterAll
    static void stop() {
        router.close();
        products.close();
        otel.close();
        ((Logger) LoggerFactory.getLogger(RequestLog.LOGGER)).detachAppender(requestLog);
    }

    @BeforeEach
    void reset() {
        spans.reset();
        requestLog.list.clear();
        products.failWith(200);
        products.headers.clear();
    }

    @Test
    void requestsAreCountedByOperationTypeAndOutcomeWithLatencyBuckets() {
        String series = "router_requests_seconds_count{operation=\"TopProducts\",outcome=\"success\",type=\"query\"}";
        double before = value(scrape(), series);
        client.post("query TopProducts { products { name } }");
        client.post("query TopProducts { products { name } }");
        String metrics = scrape();
        assertEquals(before + 2, value(metrics, series));
        assertTrue(value(metrics, "router_requests_seconds_bucket{operation=\"TopProducts\",outcome=\"success\",type=\"query\",le=\"30.0\"}") >= 2,
                "latency histogram buckets:\n" + metrics);
        assertEquals(0, value(metrics, "router_requests_in_flight"));
    }

    @Test
    void theSubscriptionCountsAreExported() {
        String metrics = scrape();
        assertTrue(metrics.contains("router_subscriptions_active "), metrics);
        assertTrue(metrics.contains("router_subscription_connections{transport=\"websocket\"} "));
        assertTrue(metrics.contains("router_subscription_connections{transport=\"sse\"} "));
        assertTrue(metrics.contains("router_subscription_upstream_lost_total "));
    }

    @Test
    void theFirstRunOfAnOperationMissesThePlanCacheAndTheNextHitsIt() {
        String query = "query PlanCached" + System.nanoTime() + " { products { id } }";
        double hits = value(scrape(), "router_plan_cache_requests_total{result=\"hit\"}");
        double misses = value(scrape(), "router_plan_cache_requests_total{result=\"miss\"}");
        client.post(query);
        client.post(query);
        String metrics = scrape();
        assertEquals(misses + 1, value(metrics, "router_plan_cache_requests_total{result=\"miss\"}"));
        assertEquals(hits + 1, value(metrics, "router_plan_cache_requests_total{result=\"hit\"}"));
    }

    @Test
    void aDocumentThatDoesNotParseIsCountedAsRejectedWithNoOperation() {
        String series = "router_requests_seconds_count{operation=\"(unknown)\",outcome=\"rejected\",type=\"unknown\"}";
        double before = value(scrape(), series);
        assertEquals("GRAPHQL_PARSE_FAILED", client.post("{ products { ").at("errors.0.extensions.code"));
        assertEquals(before + 1, value(scrape(), series));
    }

    @Test
    void subgraphCallsAreTimedBySubgraphAndOutcome() {
        String ok = "router_subgraph_requests_seconds_count{outcome=\"success\",subgraph=\"products\"}";
        String httpError = "router_subgraph_requests_seconds_count{outcome=\"http_error\",subgraph=\"products\"}";
        String refused = "router_subgraph_requests_seconds_count{outcome=\"connection_error\",subgraph=\"reviews\"}";
        String before = scrape();
        assertTrue(before.contains("subgraph=\"inventory\""), "every subgraph's meters exist before its first call");
        client.post("{ products { name } }");
        client.post("{ topReviews { body } }");
        products.failWith(500);
        client.post("{ products { name } }");
        String after = scrape();
        assertEquals(value(before, ok) + 1, value(after, ok));
        assertEquals(value(before, httpError) + 1, value(after, httpError));
        assertEquals(value(before, refused) + 1, value(after, refused));
        assertTrue(value(after, "router_subgraph_requests_seconds_bucket{outcome=\"success\",subgraph=\"products\",le=\"30.0\"}") >= 1);
    }

    @Test
    void aRequestSpanContinuesTheCallersTraceAndEachSubgraphCallPassesOnItsOwnSpan() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        client.post("query TracedProducts { products { name } }", null,
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
        List<SpanData> ended = spans.getFinishedSpanItems();
        SpanData server = ended.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        SpanData call = ended.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertEquals(traceId, server.getTraceId());
        assertEquals(callerSpan, server.getParentSpanId());
        assertEquals("query TracedProducts", server.getName());
        assertEquals("TracedProducts", server.getAttributes().get(RouterTracing.OPERATION_NAME));
        assertEquals("success", server.getAttributes().get(RouterTracing.OUTCOME));
        assertEquals("subgraph products", call.getName());
        assertEquals(server.getSpanId(), call.getParentSpanId());
        assertEquals(200L, call.getAttributes().get(RouterTracing.HTTP_STATUS));
        assertEquals("00-" + traceId + "-" + call.getSpanId() + "-01", products.headers.getLast().get("traceparent"),
                "the subgraph sees the router's call span as its parent");
    }

    @Test
    void aRequestWithoutTraceContextStartsATrace() {
        client.post("{ products { id } }");
        SpanData server = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertFalse(server.getParentSpanContext().isValid());
        assertTrue(products.headers.getLast().get("traceparent").contains(server.getTraceId()));
    }

    @Test
    void eachRequestWritesOneLogLineWithOperationOutcomeDurationAndTraceId() {
        client.post("query Logged { products { name } }", null,
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        assertEquals(1, requestLog.list.size());
        ILoggingEvent line = requestLog.list.getFirst();
        Map<String, Object> kv = new java.util.HashMap<>();
        for (KeyValuePair p : line.getKeyValuePairs()) kv.put(p.key, p.value);
        assertEquals("Logged", kv.get("operation"));
        assertEquals("query", kv.get("type"));
        assertEquals("success", kv.get("outcome"));
        assertEquals("0af7651916cd43dd8448eb211c80319c", kv.get("trace_id"));
        assertInstanceOf(Double.class, kv.get("duration_ms"));
        assertTrue(line.getFormattedMessage().startsWith("query Logged success "), line.getFormattedMessage());
    }

    @Test
    void operationNamesBeyondTheLimitAreCountedTogetherAsOther() {
        try (Router small = Router.start(config().withTelemetry(TelemetrySettings.DEFAULTS.withMaxOperationNames(1)))) {
            RouterClient c = new RouterClient(small.port());
            c.post("query First { products { id } }");
            c.post("query Second { products { id } }");
            c.post("query Third { products { id } }");
            c.post("{ products { id } }");
            String metrics = c.raw("GET", "/metrics", null, Map.of()).body();
            assertEquals(1, value(metrics, "router_requests_seconds_count{operation=\"First\",outcome=\"success\",type=\"query\"}"));
            assertEquals(2, value(metrics, "router_requests_seconds_count{operation=\"(other)\",outcome=\"success\",type=\"query\"}"));
            assertEquals(1, value(metrics, "router_requests_seconds_count{operation=\"(anonymous)\",outcome=\"success\",type=\"query\"}"));
            assertFalse(metrics.contains("Second") || metrics.contains("Third"));
        }
    }

    @Test
    void withAMetricsPortTheMetricsAreServedThereAndNotOnTheGraphQLPort() {
        try (Router separate = Router.start(config().withTelemetry(TelemetrySettings.DEFAULTS.withMetricsPort(0)))) {
            assertNotEquals(separate.port(), separate.metricsPort());
            RouterClient.Result there = new RouterClient(separate.metricsPort()).raw("GET", "/metrics", null, Map.of());
            assertEquals(200, there.status());
            assertTrue(there.contentType().startsWith("text/plain"));
            assertTrue(there.body().contains("jvm_memory_used_bytes"));
            assertEquals(404, new RouterClient(separate.port()).raw("GET", "/metrics", null, Map.of()).status());
        }
    }

    @Test
    void withMetricsOffNothingIsServed() {
        try (Router off = Router.start(config().withTelemetry(TelemetrySettings.DEFAULTS.withMetrics(false)))) {
            assertEquals(0, off.metricsPort());
            assertEquals(404, new RouterClient(off.port()).raw("GET", "/metrics", null, Map.of()).status());
        }
    }

    private static String scrape() {
        RouterClient.Result r = client.raw("GET", "/metrics", null, Map.of());
        assertEquals(200, r.status());
        return r.body();
    }

    /** The value of one series in a scrape; 0 when it is absent. */
    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
