package com.shopbff.system;

import com.shopbff.system.Shop.Customer;
import com.shopbff.system.Shop.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10.2: faults injected while sagas run, on the shared system stack. After recovery every order is final,
 * stock and money are conserved, no notification is duplicated (see {@link Invariants}), and a subscribed client
 * gets events again once it reconnects.
 */
class FaultSystemTest {
    static final String SUBSCRIPTION = "subscription { orderStatusChanged { status previousStatus at order { id } } }";

    private final SystemStack sys = SystemStack.get();
    private final Shop shop = sys.shop;

    @Test
    void ordersPlacedAcrossABrokerRestartAllSettleWithStockAndMoneyConserved() throws Exception {
        int units = 15;
        String product = shop.createProduct("Broker tea " + System.nanoTime(), "4.00", units);
        List<Customer> customers = ConcurrentCheckoutSystemTest.parallel(4, 24, i -> {
            Customer c = shop.signUp("broker" + i);
            shop.topUp(c, "10.00");
            shop.addToCart(c, product, 1);
            return c;
        });

        Map<String, Customer> owner = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> first = submitCheckouts(pool, customers.subList(0, 12), owner);
            for (Future<?> f : first) f.get();
            // The broker goes away while the first sagas are between steps and the rest are being placed.
            sys.stack.broker().stopBroker();
            try {
                List<Future<?>> rest = submitCheckouts(pool, customers.subList(12, 24), owner);
                Thread.sleep(3000); // how long the broker stays down: the fault itself, not a wait for a result
                sys.stack.broker().startBroker();
                for (Future<?> f : rest) f.get();
            } finally {
                sys.stack.broker().startBroker();
            }
        }
        assertThat(owner).hasSize(24);

        Map<String, Order> orders = Invariants.assertConserved(shop, product, units, owner, topUps(customers, "10.00"), Duration.ofMinutes(3));
        long confirmed = orders.values().stream().filter(o -> o.status().equals("CONFIRMED")).count();
        assertThat(confirmed).as("orders confirmed: %s", orders.values()).isLessThanOrEqualTo(units).isPositive();
        System.out.printf("broker restart: %d orders (%d checkout requests retried, slowest checkout response %d ms), %d confirmed, the rest %s%n",
                orders.size(), shop.retriedCheckouts.get(), slowestCheckoutMs.get(), confirmed,
                orders.values().stream().filter(o -> !o.status().equals("CONFIRMED")).map(o -> o.status() + " (" + o.failureReason() + ")").distinct().toList());
    }

    @Test
    void aWalletCrashMidSagaLosesAndDuplicatesNeitherMoneyNorStock() throws Exception {
        int units = 100;
        String product = shop.createProduct("Crash tea " + System.nanoTime(), "3.00", units);
        List<Customer> customers = ConcurrentCheckoutSystemTest.parallel(4, 20, i -> {
            Customer c = shop.signUp("crash" + i);
            shop.topUp(c, "10.00");
            shop.addToCart(c, product, 1);
            return c;
        });

        Map<String, Customer> owner = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> first = submitCheckouts(pool, customers.subList(0, 10), owner);
            for (Future<?> f : first) f.get();
            // SIGKILL: no graceful shutdown, in-flight DebitWallet commands and unsent outbox entries are cut off.
            sys.wallet.kill();
            try {
                for (Future<?> f : submitCheckouts(pool, customers.subList(10, 20), owner)) f.get();
                // With the wallet dead, the new sagas stop after the reservation: mid-saga, waiting for payment.
                List<String> later = owner.entrySet().stream().filter(e -> customers.subList(10, 20).contains(e.getValue())).map(Map.Entry::getKey).toList();
                await("a saga waits for the dead wallet").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> shop.orders(later).values().stream().anyMatch(o -> o.status().equals("RESERVED")));
            } finally {
                long t0 = System.nanoTime();
                sys.wallet.start();
                System.out.printf("wallet crash: wallet JVM healthy again %.1f s after its start%n", (System.nanoTime() - t0) / 1e9);
            }
        }

        Map<String, Order> orders = Invariants.assertConserved(shop, product, units, owner, topUps(customers, "10.00"), Duration.ofMinutes(3));
        assertThat(orders.values()).allSatisfy(o -> assertThat(o.status()).isIn("CONFIRMED", "FAILED", "CANCELLED"));
        System.out.printf("wallet crash: %d orders -> %s%n", orders.size(),
                orders.values().stream().collect(java.util.stream.Collectors.groupingBy(o -> o.status() + (o.failureReason() == null ? "" : " (" + o.failureReason() + ")"),
                        java.util.stream.Collectors.counting())));
    }

    @Test
    void aSubscribedClientReceivesEventsAgainAfterTheRouterRestartsAndItReconnects() throws Exception {
        String product = shop.createProduct("Live tea " + System.nanoTime(), "2.00", 100);
        Customer c = shop.signUp("live");
        shop.topUp(c, "500.00");

        String order1;
        try (Subscriber before = Subscriber.open(shop.gql().url().toString(), c.token(), SUBSCRIPTION, Map.of())) {
            order1 = placeUntilSeen(before, c, product, "order 1 before the restart");

            sys.stack.stopRouter();
            try {
                await("the router's socket closes").atMost(Duration.ofSeconds(30)).until(before::isClosed);
            } finally {
                sys.stack.startRouter();
                SystemStack.awaitRouterReady(sys.stack.settings().routerPort());
            }
        }

        try (Subscriber after = Subscriber.open(shop.gql().url().toString(), c.token(), SUBSCRIPTION, Map.of())) {
            // A new order's lifecycle arrives on the new connection (its first events may precede the subgraph subscription).
            String order2 = placeUntilSeen(after, c, product, "order 2 after reconnecting");
            List<String> lifecycle = List.of("PENDING", "RESERVED", "PAID", "CONFIRMED");
            List<Integer> positions = statuses(after, order2).stream().map(lifecycle::indexOf).toList();
            assertThat(positions).as("order 2 events: %s", statuses(after, order2)).doesNotContain(-1).isSorted().doesNotHaveDuplicates();

            // And an older order's change, made by someone else after the reconnect, arrives too.
            assertThat(shop.advanceOrder(order1, "OUT_FOR_DELIVERY").get("userErrors")).isEmpty();
            assertThat(shop.advanceOrder(order1, "DELIVERED").get("userErrors")).isEmpty();
            await("order 1 delivered, live").atMost(Duration.ofSeconds(30)).until(() -> statuses(after, order1).contains("DELIVERED"));
            assertThat(statuses(after, order1)).containsExactly("OUT_FOR_DELIVERY", "DELIVERED");
            assertThat(after.errors()).isEmpty();
        }
    }

    /**
     * Places orders until one's CONFIRMED arrives at the subscriber, and returns that order. The router opens the
     * subgraph subscription after the client's subscribe message (graphql-transport-ws has no per-subscription
     * acknowledgement), and a saga can finish within ~100 ms, so the first order's whole lifecycle may come before it.
     */
    private String placeUntilSeen(Subscriber s, Customer c, String product, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            shop.addToCart(c, product, 1);
            String id = shop.checkout(c);
            try {
                await("CONFIRMED of " + what).atMost(Duration.ofSeconds(5)).until(() -> statuses(s, id).contains("CONFIRMED"));
                return id;
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                if (System.nanoTime() > deadline) throw e;
            }
        }
    }

    private List<String> statuses(Subscriber s, String orderId) {
        List<String> out = new ArrayList<>();
        for (Subscriber.Event e : s.events()) {
            JsonNode ev = e.payload().at("/data/orderStatusChanged");
            if (!ev.isMissingNode() && !ev.isNull() && orderId.equals(ev.at("/order/id").asString())) out.add(ev.get("status").asString());
        }
        return out;
    }

    private final java.util.concurrent.atomic.AtomicLong slowestCheckoutMs = new java.util.concurrent.atomic.AtomicLong();

    private List<Future<?>> submitCheckouts(ExecutorService pool, List<Customer> customers, Map<String, Customer> owner) {
        return customers.stream().<Future<?>>map(c -> pool.submit(() -> {
            long t0 = System.nanoTime();
            owner.put(shop.checkout(c), c);
            slowestCheckoutMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
        })).toList();
    }

    private static Map<Customer, BigDecimal> topUps(List<Customer> customers, String amount) {
        Map<Customer, BigDecimal> m = new LinkedHashMap<>();
        customers.forEach(c -> m.put(c, new BigDecimal(amount)));
        return m;
    }
}
