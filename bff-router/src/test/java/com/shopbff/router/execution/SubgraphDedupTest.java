package com.shopbff.router.execution;

import com.shopbff.router.execution.client.DeduplicatingSubgraphClient;
import com.shopbff.router.execution.client.SubgraphClients;
import com.shopbff.router.json.Json;
import com.shopbff.router.support.TestSubgraph;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Optional sharing of identical in-flight subgraph requests (off by default). */
class SubgraphDedupTest {
    private static Map<String, Object> twoIdenticalAndOneOther(boolean dedup, TestSubgraph sg) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            SubgraphClient inner = SubgraphClients.create(SubgraphClients.Kind.NETTY, vertx, Map.of("s", sg.url()), Duration.ofSeconds(5), false);
            SubgraphClient client = dedup ? new DeduplicatingSubgraphClient(inner) : inner;
            byte[] body = Json.write(Map.of("query", "{ hello }"));
            byte[] other = Json.write(Map.of("query", "{ hello __typename }"));
            CompletableFuture<List<Map<String, Object>>> done = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(v -> {
                Future<Map<String, Object>> a = client.post("s", body, Map.of()).map(r -> Executor.parse("s", r));
                Future<Map<String, Object>> b = client.post("s", body, Map.of()).map(r -> Executor.parse("s", r));
                Future<Map<String, Object>> c = client.post("s", other, Map.of()).map(r -> Executor.parse("s", r));
                Future.all(a, b, c).onComplete(ar -> {
                    if (ar.failed()) done.completeExceptionally(ar.cause());
                    else done.complete(List.of(a.result(), b.result(), c.result()));
                });
            });
            List<Map<String, Object>> r = done.get(10, TimeUnit.SECONDS);
            assertEquals(Map.of("data", Map.of("hello", "world")), r.get(0));
            assertEquals(r.get(0), r.get(1));
            assertNotSame(r.get(0), r.get(1), "every caller parses its own tree from the shared bytes");
            return Map.of("requests", sg.requests.size(), "deduplicated",
                    client instanceof DeduplicatingSubgraphClient d ? d.deduplicated() : 0L);
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void identicalInFlightRequestsShareOneExchangeWhenEnabled() throws Exception {
        try (TestSubgraph sg = TestSubgraph.builder("type Query { hello: String }").query("hello", "world").start()) {
            sg.delay(300);
            Map<String, Object> r = twoIdenticalAndOneOther(true, sg);
            assertEquals(2, r.get("requests"));
            assertEquals(1L, r.get("deduplicated"));
        }
    }

    @Test
    void offByDefault() throws Exception {
        assertFalse(DeduplicatingSubgraphClient.enabled());
        try (TestSubgraph sg = TestSubgraph.builder("type Query { hello: String }").query("hello", "world").start()) {
            sg.delay(300);
            Map<String, Object> r = twoIdenticalAndOneOther(false, sg);
            assertEquals(3, r.get("requests"));
        }
    }
}
