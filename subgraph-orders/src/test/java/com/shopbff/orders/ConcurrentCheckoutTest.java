package com.shopbff.orders;

import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.support.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many customers check out the last units at once. With the in-test storehouse/wallet stand-in this checks the
 * orders side (saga, outbox, idempotent replies under concurrency); the same bar against the real catalog and
 * wallet runs in the full stack.
 */
class ConcurrentCheckoutTest extends OrdersIntegrationTest {
    private static final int CUSTOMERS = 200;
    private static final int UNITS = 50;

    @Autowired
    OrderStore store;

    @Test
    void twoHundredCheckoutsForFiftyUnitsConfirmExactlyFifty() throws Exception {
        String tea = product("Last Oolong", 500, UNITS);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String c = fresh("rush");
            customers.add(c);
            participants.balances.put(c, 1_000L);
            List<?> errors = addToCart(TestTokens.customer(c), tea, 1).read("$.data.addToCart.userErrors");
            assertThat(errors).isEmpty();
        }
        List<String> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<String>> placed = new ArrayList<>();
            for (String c : customers) {
                placed.add(pool.submit(() -> checkout(TestTokens.customer(c), ADDRESS, fresh("key")).<String>read("$.data.checkout.order.id")));
            }
            for (Future<String> f : placed) ids.add(f.get());
        }
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();

        await().atMost(java.time.Duration.ofMinutes(3)).until(() -> store.findAll(ids).stream()
                .allMatch(o -> o.status() == OrderStatus.CONFIRMED || o.status() == OrderStatus.FAILED));
        List<OrderDocument> orders = store.findAll(ids);
        Map<OrderStatus, Long> byStatus = orders.stream().collect(Collectors.groupingBy(OrderDocument::status, Collectors.counting()));
        assertThat(byStatus).containsEntry(OrderStatus.CONFIRMED, (long) UNITS).containsEntry(OrderStatus.FAILED, (long) (CUSTOMERS - UNITS));
        assertThat(orders.stream().filter(o -> o.status() == OrderStatus.FAILED))
                .allSatisfy(o -> assertThat(o.failureReason()).contains("out of stock").contains("Last Oolong"));
        assertThat(participants.stock.get(tea)).isZero();
        long charged = customers.stream().filter(c -> participants.balances.get(c) == 1_000L - 750L).count();
        assertThat(charged).isEqualTo(UNITS);
        await().atMost(SAGA).until(() -> store.findAll(ids).stream().allMatch(o -> o.outbox().isEmpty()));
    }
}
