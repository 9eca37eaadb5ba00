package com.shopbff.system.tracing;

import com.shopbff.system.Shop;
import com.shopbff.system.Shop.Customer;
import com.shopbff.system.SystemStack;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One checkout is one trace: the client's W3C {@code traceparent} is continued by the router, the orders subgraph, the
 * Kafka record the saga sends (trace context in its headers, kept in the outbox between the write and the send) and the
 * catalog's listener that consumes it, and on through the reply. Spans are exported by each service's OpenTelemetry
 * SDK (configured by the standard otel.* settings) to the tests' in-memory exporter ({@link RecordedSpans}).
 */
class CheckoutTraceSystemTest {
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    @Test
    void aCheckoutsSpansCrossTheRouterTheOrdersSubgraphKafkaAndTheCatalogConsumerInOneTrace() {
        SystemStack sys = SystemStack.get();
        Shop shop = sys.shop;
        String product = shop.createProduct("Traced tea " + System.nanoTime(), "4.00", 5);
        Customer c = shop.signUp("tracer");
        shop.topUp(c, "10.00");
        shop.addToCart(c, product, 1);

        String traceId = hex(16);
        String clientSpanId = hex(8);
        JsonNode res = shop.gql().call(
                "mutation Checkout($i: CheckoutInput!) { checkout(input: $i) { order { id status } userErrors { code message } } }",
                Map.of("i", Map.of("delivery", Map.of("address", Map.of("line1", "1 Trace Street", "city", "Leeds",
                        "postalCode", "LS1 1AA", "country", "GB")), "idempotencyKey", "trace-" + UUID.randomUUID())),
                c.token(), Map.of("traceparent", "00-" + traceId + "-" + clientSpanId + "-01"));
        assertThat(res.at("/data/checkout/userErrors").isEmpty()).as("checkout: %s", res).isTrue();

        // The saga's first command goes to the catalog, whose reply comes back to orders: wait for the consumer spans.
        await("the checkout's spans").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<SpanData> spans = RecordedSpans.ofTrace(traceId);
            assertThat(find(spans, s -> service(s).equals("subgraph-catalog") && s.getKind() == SpanKind.CONSUMER
                    && s.getName().contains("catalog.commands"))).as(describe(spans)).isPresent();
            assertThat(find(spans, s -> service(s).equals("subgraph-orders") && s.getKind() == SpanKind.CONSUMER
                    && s.getName().contains("order.saga-replies"))).as(describe(spans)).isPresent();
        });
        List<SpanData> spans = RecordedSpans.ofTrace(traceId);
        Map<String, SpanData> byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s, (a, b) -> a));

        SpanData router = find(spans, s -> service(s).equals("bff-router") && s.getKind() == SpanKind.SERVER).orElseThrow(() ->
                new AssertionError("no router span: " + describe(spans)));
        assertThat(router.getParentSpanId()).as("the router continues the client's trace").isEqualTo(clientSpanId);
        SpanData ordersServer = find(spans, s -> service(s).equals("subgraph-orders") && s.getKind() == SpanKind.SERVER)
                .orElseThrow(() -> new AssertionError("no orders server span: " + describe(spans)));
        SpanData send = find(spans, s -> service(s).equals("subgraph-orders") && s.getKind() == SpanKind.PRODUCER
                && s.getName().contains("catalog.commands")).orElseThrow(() -> new AssertionError("no send to catalog.commands: " + describe(spans)));
        SpanData receive = find(spans, s -> service(s).equals("subgraph-catalog") && s.getKind() == SpanKind.CONSUMER
                && s.getName().contains("catalog.commands")).orElseThrow();

        assertThat(receive.getParentSpanId()).as("the consumer continues the record's trace context").isEqualTo(send.getSpanId());
        assertThat(ancestors(send, byId)).as("the send descends from the orders request, which descends from the router's")
                .contains(ordersServer.getSpanId(), router.getSpanId());
        assertThat(ancestors(ordersServer, byId)).contains(router.getSpanId());
    }

    private static List<String> ancestors(SpanData span, Map<String, SpanData> byId) {
        List<String> out = new java.util.ArrayList<>();
        for (SpanData s = byId.get(span.getParentSpanId()); s != null; s = byId.get(s.getParentSpanId())) out.add(s.getSpanId());
        return out;
    }

    private static Optional<SpanData> find(List<SpanData> spans, Predicate<SpanData> p) {
        return spans.stream().filter(p).findFirst();
    }

    private static String service(SpanData s) {
        String name = s.getResource().getAttribute(SERVICE);
        return name == null ? "" : name;
    }

    private static String describe(List<SpanData> spans) {
        return spans.stream().map(s -> service(s) + " " + s.getKind() + " '" + s.getName() + "' " + s.getSpanId() + "<-" + s.getParentSpanId())
                .collect(Collectors.joining("\n  ", "spans of the trace:\n  ", ""));
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(b);
    }
}
