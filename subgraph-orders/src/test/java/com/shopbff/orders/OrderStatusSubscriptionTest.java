package com.shopbff.orders;

import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.orders.live.OrderEventsLiveFeed;
import com.shopbff.support.testing.GraphQlClient;
import com.shopbff.orders.testing.GraphQlWsClient;
import com.shopbff.support.SubgraphApplications;
import com.shopbff.support.testing.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** orderStatusChanged over graphql-transport-ws, fed from Kafka order.events. */
class OrderStatusSubscriptionTest extends OrdersIntegrationTest {
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    private static final String ALL_MINE = "subscription { orderStatusChanged { status previousStatus at order { id status number total { amount } } } }";
    private static final String ONE = "subscription($id: ID) { orderStatusChanged(orderId: $id) { status order { id status } } }";

    @Test
    void theOwnerSeesEveryStatusChangeInOrderAndOthersSeeNone() {
        String alice = fresh("alice"), bob = fresh("bob");
        participants.balances.put(alice, 10_000L);
        participants.balances.put(bob, 10_000L);
        await().atMost(SAGA).until(liveFeed::isPositioned);
        try (GraphQlWsClient aliceWs = GraphQlWsClient.connect(port, TestTokens.customer(alice));
             GraphQlWsClient bobWs = GraphQlWsClient.connect(port, TestTokens.customer(bob))) {
            aliceWs.subscribe("1", ALL_MINE, Map.of());
            bobWs.subscribe("1", ALL_MINE, Map.of());
            awaitLive(aliceWs, "1", alice, http);
            awaitLive(bobWs, "1", bob, http);

            String id = placeOrder(alice, product("Oolong", 750, 10), 2, ADDRESS);
            await().atMost(SAGA).until(() -> statusesOf(aliceWs, "1", id).contains("CONFIRMED"));
            assertThat(statusesOf(aliceWs, "1", id)).containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED");
            JsonNode confirmed = aliceWs.data("1").stream().map(d -> d.path("orderStatusChanged"))
                    .filter(e -> id.equals(e.path("order").path("id").asString()) && "CONFIRMED".equals(e.path("status").asString()))
                    .findFirst().orElseThrow();
            assertThat(confirmed.path("previousStatus").asString()).isEqualTo("PAID");
            assertThat(confirmed.path("order").path("status").asString()).isEqualTo("CONFIRMED");
            assertThat(confirmed.path("order").path("total").path("amount").asString()).isEqualTo("17.50");

            // Bob's stream runs in the same order as Alice's: once his own later order shows up, hers has passed him by.
            String bobs = placeOrder(bob, product("Sencha", 100, 10), 1, ADDRESS);
            await().atMost(SAGA).until(() -> !statusesOf(bobWs, "1", bobs).isEmpty());
            assertThat(statusesOf(bobWs, "1", id)).isEmpty();
        }
    }

    @Test
    void oneConnectionCarriesSubscriptionsOfSeveralCallersEachSeeingOnlyItsOwnOrders() {
        String alice = fresh("alice"), bob = fresh("bob");
        participants.balances.put(alice, 10_000L);
        participants.balances.put(bob, 10_000L);
        await().atMost(SAGA).until(liveFeed::isPositioned);
        try (GraphQlWsClient shared = GraphQlWsClient.connect(port, null)) {
            assertThat(shared.messages.getFirst().path("payload").path("identityPerOperation").asBoolean())
                    .as("the acknowledgement announces per-operation callers").isTrue();
            shared.subscribeAs(TestTokens.customer(alice), "a", ALL_MINE, Map.of());
            shared.subscribeAs(TestTokens.customer(bob), "b", ALL_MINE, Map.of());
            shared.subscribeAs("not-a-token", "x", ALL_MINE, Map.of());
            shared.subscribe("anonymous", ALL_MINE, Map.of());
            await().atMost(SAGA).until(() -> !shared.errors("x").isEmpty() && !shared.errors("anonymous").isEmpty());
            assertThat(shared.errors("x").toString()).contains("UNAUTHENTICATED");
            assertThat(shared.errors("anonymous").toString()).contains("UNAUTHENTICATED");
            awaitLive(shared, "a", alice, http);
            awaitLive(shared, "b", bob, http);
            String id = placeOrder(alice, product("Hojicha", 500, 10), 1, ADDRESS);
            await().atMost(SAGA).until(() -> statusesOf(shared, "a", id).contains("CONFIRMED"));
            String bobs = placeOrder(bob, product("Kukicha", 500, 10), 1, ADDRESS);
            await().atMost(SAGA).until(() -> statusesOf(shared, "b", bobs).contains("CONFIRMED"));
            assertThat(statusesOf(shared, "b", id)).as("bob never sees alice's order").isEmpty();
            assertThat(statusesOf(shared, "a", bobs)).as("alice never sees bob's order").isEmpty();
        }
    }

    @Test
    void eventsCarryTheStoredOrderWhenTheSubscriptionAsksForMoreThanTheEventHolds() {
        String alice = fresh("alice");
        participants.balances.put(alice, 10_000L);
        await().atMost(SAGA).until(liveFeed::isPositioned);
        String full = "subscription { orderStatusChanged { status order { id status lines { productName quantity } delivery { method } } } }";
        try (GraphQlWsClient ws = GraphQlWsClient.connect(port, TestTokens.customer(alice))) {
            ws.subscribe("1", full, Map.of());
            awaitLive(ws, "1", alice, http);
            String id = placeOrder(alice, product("Genmaicha", 420, 10), 3, ADDRESS);
            await().atMost(SAGA).until(() -> statusesOf(ws, "1", id).contains("CONFIRMED"));
            JsonNode confirmed = ws.data("1").stream().map(d -> d.path("orderStatusChanged"))
                    .filter(e -> id.equals(e.path("order").path("id").asString()) && "CONFIRMED".equals(e.path("status").asString()))
                    .findFirst().orElseThrow();
            assertThat(confirmed.path("order").path("status").asString()).isEqualTo("CONFIRMED");
            assertThat(confirmed.path("order").path("lines").get(0).path("productName").asString()).isEqualTo("Genmaicha");
            assertThat(confirmed.path("order").path("lines").get(0).path("quantity").asInt()).isEqualTo(3);
            assertThat(confirmed.path("order").path("delivery").path("method").asString()).isEqualTo("ADDRESS");
        }
    }

    @Test
    void aSubscriptionToOneOrderGetsOnlyThatOrderAndOnlyForItsOwnerOrAnAdmin() {
        String alice = fresh("alice");
        participants.balances.put(alice, 10_000L);
        String admin = TestTokens.admin(fresh("admin"));
        String tea = product("Chai", 300, 10);
        String first = placeOrder(alice, tea, 1, ADDRESS);
        awaitStatus(TestTokens.customer(alice), first, "CONFIRMED");
        try (GraphQlWsClient adminWs = GraphQlWsClient.connect(port, admin);
             GraphQlWsClient bobWs = GraphQlWsClient.connect(port, TestTokens.customer(fresh("bob")))) {
            bobWs.subscribe("x", ONE, Map.of("id", first));
            await().atMost(SAGA).until(() -> !bobWs.errors("x").isEmpty());
            assertThat(bobWs.errors("x").toString()).contains("FORBIDDEN");

            adminWs.subscribe("one", ONE, Map.of("id", first));
            // Subscribe messages of one connection are handled in turn: once the later "all" subscription sees an
            // event, the earlier "one" is live too.
            adminWs.subscribe("all", ALL_MINE, Map.of());
            awaitLive(adminWs, "all", alice, http);
            String other = placeOrder(alice, tea, 1, ADDRESS);
            String advance = "mutation($i: AdvanceOrderInput!) { advanceOrder(input: $i) { order { status } } }";
            http.post(admin, advance, "i", Map.of("id", first, "status", "ASSEMBLING"));
            http.post(admin, advance, "i", Map.of("id", first, "status", "OUT_FOR_DELIVERY"));
            http.post(admin, advance, "i", Map.of("id", first, "status", "DELIVERED"));
            await().atMost(SAGA).until(() -> statusesOf(adminWs, "one", first).contains("DELIVERED"));
            assertThat(statusesOf(adminWs, "one", first)).containsExactly("ASSEMBLING", "OUT_FOR_DELIVERY", "DELIVERED");
            await().atMost(SAGA).until(() -> statusesOf(adminWs, "all", other).contains("CONFIRMED"));
            assertThat(statusesOf(adminWs, "one", other)).isEmpty();
        }
    }

    @Test
    void liveSubscriptionsAreCountedWhileOpenAndEachEventIsTimedFromFeedToSocket() {
        String alice = fresh("alice");
        participants.balances.put(alice, 10_000L);
        await().atMost(SAGA).until(() -> liveFeed.liveSubscriptions() == 0);
        double rendered = meters.timer("orders.live.rendered").count(), written = meters.timer("graphql.websocket.send").count();
        double aged = meters.timer("graphql.websocket.event.age").count();
        try (GraphQlWsClient ws = GraphQlWsClient.connect(port, TestTokens.customer(alice))) {
            ws.subscribe("mine", ALL_MINE, Map.of());
            ws.subscribe("one", ONE, Map.of("id", "no-such-order"));
            await().atMost(SAGA).until(() -> !ws.errors("one").isEmpty());
            awaitLive(ws, "mine", alice, http);
            assertThat(liveFeed.liveSubscriptions()).as("the refused one is not counted").isEqualTo(1);
            String id = placeOrder(alice, product("Genmaicha", 400, 10), 1, ADDRESS);
            await().atMost(SAGA).until(() -> statusesOf(ws, "mine", id).contains("CONFIRMED"));
        }
        await().atMost(SAGA).until(() -> liveFeed.liveSubscriptions() == 0);
        // PENDING, RESERVED, PAID, CONFIRMED at least (and the probes' events): each built, aged and written once
        assertThat(meters.timer("orders.live.rendered").count() - rendered).isGreaterThanOrEqualTo(4);
        assertThat(meters.timer("graphql.websocket.event.age").count() - aged).isGreaterThanOrEqualTo(4);
        assertThat(meters.timer("graphql.websocket.send").count() - written).isGreaterThanOrEqualTo(4);
    }

    @Test
    void anEventMadeOnAnotherInstanceReachesTheSubscriberOnThisOne() {
        String alice = fresh("alice");
        participants.balances.put(alice, 10_000L);
        try (ConfigurableApplicationContext instanceB = SubgraphApplications.builder(OrdersApplication.class, OrdersApplication.CONFIG_NAME)
                .sources(com.shopbff.support.testing.TestTokensConfiguration.class)
                // Command-line arguments: they outrank the shared defaults, as in the local stack.
                .run("--server.port=0", "--" + STEP_TIMEOUT,
                        "--spring.mongodb.uri=" + SharedTestInfra.mongo().connectionString(),
                        "--spring.kafka.bootstrap-servers=" + SharedTestInfra.kafka().bootstrapServers())) {
            int portB = ((WebServerApplicationContext) instanceB).getWebServer().getPort();
            assertThat(portB).isNotEqualTo(port);
            assertThat(instanceB.getBean(OrderEventsLiveFeed.class).isPositioned()).isTrue();
            GraphQlClient viaB = GraphQlClient.onPort(portB);
            try (GraphQlWsClient onA = GraphQlWsClient.connect(port, TestTokens.customer(alice))) {
                onA.subscribe("1", ALL_MINE, Map.of());
                awaitLive(onA, "1", alice, viaB);

                String token = TestTokens.customer(alice), admin = TestTokens.admin(fresh("admin"));
                viaB.post(token, "mutation($i: CartLineInput!) { addToCart(input: $i) { userErrors { code } } }",
                        "i", Map.of("productId", product("Sencha", 225, 100), "quantity", 4));
                String id = viaB.post(token, "mutation($i: CheckoutInput!) { checkout(input: $i) { order { id } } }",
                        "i", Map.of("delivery", ADDRESS, "idempotencyKey", fresh("key"))).read("$.data.checkout.order.id");
                await().atMost(SAGA).until(() -> statusesOf(onA, "1", id).contains("CONFIRMED"));
                viaB.post(admin, "mutation($i: AdvanceOrderInput!) { advanceOrder(input: $i) { order { status } } }",
                        "i", Map.of("id", id, "status", "OUT_FOR_DELIVERY"));
                await().atMost(SAGA).pollInterval(Duration.ofMillis(50)).until(() -> statusesOf(onA, "1", id).contains("OUT_FOR_DELIVERY"));
                assertThat(statusesOf(onA, "1", id)).containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED", "OUT_FOR_DELIVERY");
            }
        } finally {
            awaitEveryPartitionBackOnThisInstance();
        }
    }

    /**
     * Instance B shared this instance's consumer groups; after it stops, its partitions stay unread until the group
     * rebalances (seconds), which made a later test's product miss addToCart's wait for the projection. Later tests
     * start once this instance reads every partition again.
     */
    private void awaitEveryPartitionBackOnThisInstance() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers()))) {
            for (MessageListenerContainer container : listeners.getListenerContainers()) {
                String[] topics = container.getContainerProperties().getTopics();
                if (topics == null) continue; // assigned partitions, no group (the live feed)
                int partitions = admin.describeTopics(List.of(topics)).allTopicNames().get().values().stream()
                        .mapToInt(d -> d.partitions().size()).sum();
                await().atMost(SAGA).until(() -> {
                    var assigned = container.getAssignedPartitions();
                    return assigned != null && assigned.size() == partitions;
                });
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
