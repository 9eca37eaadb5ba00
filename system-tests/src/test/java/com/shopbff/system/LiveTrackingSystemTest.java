package com.shopbff.system;

import com.shopbff.system.Shop.Customer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live order tracking through the router on the whole shop: every subscription the router acknowledged either gets
 * its events or ends visibly, also when the orders subgraph restarts under it.
 */
class LiveTrackingSystemTest {
    static final String TRACK = "subscription($id: ID!) { orderStatusChanged(orderId: $id) { status previousStatus at order { id } } }";
    static final String ALL_MINE = "subscription { orderStatusChanged { status order { id } } }";
    private final SystemStack sys = SystemStack.get();
    private final Shop shop = sys.shop;

    private JsonNode routerHealth() throws Exception {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            return Gql.JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                    + sys.stack.settings().routerPort() + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        }
    }

    @Test
    void everySubscriptionEndsVisiblyWhenTheOrdersSubgraphRestartsAndSubscribingAgainWorks() throws Exception {
        String product = shop.createProduct("Restart tea " + System.nanoTime(), "1.00", 100);
        List<Customer> customers = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Customer c = shop.signUp("restart" + i);
            shop.topUp(c, "100.00");
            shop.addToCart(c, product, 1);
            orders.add(shop.checkout(c));
            customers.add(c);
        }
        shop.awaitFinal(orders, Duration.ofSeconds(60));
        String url = shop.gql().url().toString();
        List<Subscriber> subs = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                int k = i % 3;
                subs.add(i % 2 == 0 ? Subscriber.open(url, customers.get(k).token(), TRACK, Map.of("id", orders.get(k)))
                        : Subscriber.open(url, customers.get(k).token(), ALL_MINE, Map.of()));
            }
            await("the router holds the 30 subscriptions").atMost(Duration.ofSeconds(30))
                    .until(() -> routerHealth().at("/subscriptions/clientSubscriptions").asInt() >= 30);
            Thread.sleep(3000); // no per-subscription acknowledgement in graphql-transport-ws: let them start upstream
            assertThat(shop.advanceOrder(orders.get(0), "ASSEMBLING").get("userErrors")).isEmpty();
            // customer 0's order: the 5 trackers of that order and the 5 "all mine" subscriptions of customer 0
            await("the event before the restart").atMost(Duration.ofSeconds(60))
                    .until(() -> subs.stream().filter(s -> s.events().size() == 1).count() == 10);

            sys.stack.stopSubgraph("orders");
            try {
                await("every subscription ended visibly").atMost(Duration.ofSeconds(60))
                        .until(() -> subs.stream().allMatch(s -> !s.errors().isEmpty() || s.completed()));
            } finally {
                sys.stack.startSubgraph("orders");
            }
            for (Subscriber s : subs) {
                assertThat(s.errors()).as("an error the client can act on, not a silent end").hasSize(1);
                JsonNode error = s.errors().getFirst().get(0);
                assertThat(error.at("/extensions/code").asString()).isEqualTo("SUBSCRIPTION_UPSTREAM_CLOSED");
                assertThat(s.isClosed()).as("the client's connection stays open").isFalse();
            }
        } finally {
            subs.forEach(Subscriber::close);
        }

        // after the restart, subscribing again delivers the next change
        try (Subscriber again = Subscriber.open(url, customers.get(0).token(), TRACK, Map.of("id", orders.get(0)))) {
            Thread.sleep(3000); // the router opens a fresh upstream subscription on the restarted subgraph
            await("the order advances once the subgraph is back").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> shop.advanceOrder(orders.get(0), "OUT_FOR_DELIVERY").get("userErrors").isEmpty());
            await("the event after the restart").atMost(Duration.ofSeconds(30)).until(() -> !again.events().isEmpty());
            assertThat(again.events().getFirst().payload().at("/data/orderStatusChanged/status").asString()).isEqualTo("OUT_FOR_DELIVERY");
            assertThat(again.errors()).isEmpty();
        }
    }

    @Test
    void moreThanFiftyNotificationSubscriptionsThroughTheRouterEachReceiveTheirOwnNotification() throws Exception {
        int customers = 70;
        List<Customer> cs = ConcurrentCheckoutSystemTest.parallel(8, customers, i -> shop.signUp("notified" + i));
        String url = shop.gql().url().toString();
        List<Subscriber> subs = new ArrayList<>();
        try {
            for (int i = 0; i < customers + 30; i++) {
                // 30 more sockets of the first customer: identical subscriptions, shared upstream
                subs.add(Subscriber.open(url, cs.get(i < customers ? i : 0).token(), "subscription { notificationAdded { kind } }", Map.of()));
            }
            int before = routerHealth().at("/subscriptions/clientSubscriptions").asInt();
            assertThat(before).isGreaterThanOrEqualTo(customers + 30);
            Thread.sleep(3000); // no per-subscription acknowledgement in graphql-transport-ws: let them start upstream
            ConcurrentCheckoutSystemTest.parallel(8, customers, i -> {
                shop.topUp(cs.get(i), "5.00");
                return null;
            });
            await("every socket gets its customer's top-up notification").atMost(Duration.ofSeconds(90))
                    .until(() -> subs.stream().allMatch(s -> s.events().stream().anyMatch(e ->
                            "WALLET_TOPPED_UP".equals(e.payload().at("/data/notificationAdded/kind").asString("")))));
            for (int i = 0; i < subs.size(); i++) {
                assertThat(subs.get(i).events().stream().filter(e -> "WALLET_TOPPED_UP".equals(
                        e.payload().at("/data/notificationAdded/kind").asString(""))).count())
                        .as("socket %d gets its own customer's one top-up, nobody else's", i).isEqualTo(1);
                assertThat(subs.get(i).errors()).isEmpty();
            }
        } finally {
            subs.forEach(Subscriber::close);
        }
    }
}
