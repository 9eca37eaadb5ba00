package com.shopbff.router.http;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.edge.EdgeConfig;
import com.shopbff.router.edge.ratelimit.RateLimitConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Opt-in inbound request deduplication over real HTTP: identical queries in flight share one execution and one
 * response; callers with another Authorization never share; mutations always run once per request; followers
 * count against their client's rate limit.
 */
class InboundDeduplicationTest {
    static TestSubgraph a;
    static TestSubgraph b;
    static Router router;
    static RouterClient client;
    static final AtomicInteger adds = new AtomicInteger();

    @BeforeAll
    static void start() {
        a = TestSubgraph.builder("""
                type Query { count: Int }
                type Mutation { add(n: Int!): Counter double: Counter }
                type Counter { id: ID! value: Int }
                """)
                .query("count", 7)
                .mutation("add", env -> Map.of("id", "c", "value", adds.incrementAndGet()))
                .entityTable("Counter", "id", List.of(Map.of("id", "c")))
                .start();
        b = TestSubgraph.builder("""
                type Query { _b: Int }
                type Mutation { log(message: String!): Entry }
                type Entry { id: ID! }
                """).start();
        System.setProperty("router.dedupRequests", "true");
        try {
            router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/mutations.graphql"), 0)
                    .withSubgraphUrls(Map.of("a", a.url(), "b", b.url())));
        } finally {
            System.clearProperty("router.dedupRequests");
        }
        client = new RouterClient(router.port());
    }

    @AfterAll
    static void stop() {
        router.close();
        a.close();
        b.close();
    }

    @BeforeEach
    void reset() {
        a.requests.clear();
        a.headers.clear();
        a.delay(400);
    }

    /**
     * Sends {@code n} requests while the first ones are in flight: request 0 (and the first of each other
     * Authorization value) goes first, the rest 150 ms later, well within the subgraph's 400 ms.
     */
    private static List<RouterClient.Result> concurrently(int n, String query, Map<Integer, String> authorizations) {
        List<CompletableFuture<RouterClient.Result>> fs = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Integer> later = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (seen.add(String.valueOf(authorizations.get(i)))) fs.add(send(query, authorizations.get(i)));
            else later.add(i);
        }
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        for (int i : later) fs.add(send(query, authorizations.get(i)));
        return fs.stream().map(CompletableFuture::join).toList();
    }

    private static CompletableFuture<RouterClient.Result> send(String query, String auth) {
        return CompletableFuture.supplyAsync(() -> client.post(query, null,
                auth == null ? Map.of() : Map.of("authorization", auth)));
    }

    @Test
    void identicalQueriesInFlightShareOneExecution() {
        List<RouterClient.Result> rs = concurrently(6, "{ count }", Map.of());
        for (RouterClient.Result r : rs) assertEquals("{\"data\":{\"count\":7}}", r.body());
        assertEquals(1, a.requests.size(), "six identical queries, one subgraph request");
    }

    @Test
    void callersWithAnotherAuthorizationNeverShare() {
        List<RouterClient.Result> rs = concurrently(4, "{ count }", Map.of(0, "Bearer one", 1, "Bearer one",
                2, "Bearer two", 3, "Bearer two"));
        for (RouterClient.Result r : rs) assertEquals("{\"data\":{\"count\":7}}", r.body());
        assertEquals(2, a.requests.size(), "one execution per Authorization value: " + a.headers);
        assertEquals(2, a.headers.stream().map(h -> h.get("authorization")).distinct().count());
    }

    @Test
    void identicalMutationsEachRun() {
        int before = adds.get();
        concurrently(3, "mutation { add(n: 1) { value } }", Map.of());
        assertEquals(before + 3, adds.get());
    }

    @Test
    void followersAreChargedToTheirClientsRateLimitLikeAnyRequest() {
        System.setProperty("router.dedupRequests", "true");
        Router limited;
        try {
            // one client (same address, no token): a bucket of 2 requests, refilled every 10 s
            limited = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/mutations.graphql"), 0)
                    .withSubgraphUrls(Map.of("a", a.url(), "b", b.url()))
                    .withEdge(EdgeConfig.DEFAULTS.withRateLimit(new RateLimitConfig(0.1, 2, 0, 0, false, 0, List.of()))));
        } finally {
            System.clearProperty("router.dedupRequests");
        }
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(5);
        try {
            RouterClient limitedClient = new RouterClient(limited.port());
            CompletableFuture<RouterClient.Result> leader = CompletableFuture.supplyAsync(() -> limitedClient.post("{ count }", null, Map.of()), senders);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            List<CompletableFuture<RouterClient.Result>> followers = new ArrayList<>();
            for (int i = 0; i < 4; i++) followers.add(CompletableFuture.supplyAsync(() -> limitedClient.post("{ count }", null, Map.of()), senders));
            List<RouterClient.Result> rs = new ArrayList<>();
            rs.add(leader.join());
            followers.forEach(f -> rs.add(f.join()));
            assertEquals(1, a.requests.size(), "one execution");
            assertEquals(2, rs.stream().filter(r -> r.status() == 200).count(), "the bucket holds two requests: " + rs);
            for (RouterClient.Result r : rs) {
                if (r.status() == 200) assertEquals("{\"data\":{\"count\":7}}", r.body());
                else {
                    assertEquals(429, r.status());
                    assertEquals("RATE_LIMITED", r.at("errors.0.extensions.code"));
                }
            }
        } finally {
            senders.shutdownNow();
            limited.close();
        }
    }
}
