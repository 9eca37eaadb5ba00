package com.shopbff.system;

import com.shopbff.system.Shop.Customer;
import com.shopbff.system.Shop.Order;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What must hold once the shop is quiet again, whatever happened before: nothing lost, nothing duplicated. */
final class Invariants {
    private static final Set<String> SOLD = Set.of("CONFIRMED", "ASSEMBLING", "OUT_FOR_DELIVERY", "DELIVERED", "READY_FOR_PICKUP", "PICKED_UP");

    private Invariants() {}

    /**
     * @param orderOwner each order id (every order placed, quantity 1 of {@code productId}) and its customer
     * @param toppedUp   what each customer put into their wallet
     */
    static Map<String, Order> assertConserved(Shop shop, String productId, int initialStock, Map<String, Customer> orderOwner,
                                              Map<Customer, BigDecimal> toppedUp, Duration atMost) {
        List<String> ids = List.copyOf(orderOwner.keySet());
        Map<String, Order> orders = shop.awaitFinal(ids, atMost);
        long sold = orders.values().stream().filter(o -> SOLD.contains(o.status())).count();

        // Stock: compensations (release after a failed payment) may land after the order's final status.
        await("stock + reserved + sold = " + initialStock).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    int stock = shop.stock(productId);
                    int reserved = shop.reservedInCatalog(productId);
                    assertThat(reserved).as("units still reserved").isZero();
                    assertThat(stock + reserved + sold).as("stock %d + reserved %d + sold %d", stock, reserved, sold).isEqualTo(initialStock);
                });

        // Money: every wallet equals its ledger, and equals what was topped up minus what its confirmed orders cost
        // (a debit that was not refunded for a failed order, or a double debit, breaks the second equation).
        List<Customer> customers = List.copyOf(toppedUp.keySet());
        Map<Customer, BigDecimal> spent = new HashMap<>();
        orders.forEach((id, o) -> {
            if (SOLD.contains(o.status())) spent.merge(orderOwner.get(id), o.total(), BigDecimal::add);
        });
        await("wallets equal their ledgers and top-ups minus confirmed orders").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Shop.Audit audit = shop.walletAudit(customers);
                    assertThat(audit.mismatchCount()).as("walletAudit: %s", audit).isZero();
                    assertThat(audit.walletsChecked()).isEqualTo(customers.size());
                    for (Customer c : customers) {
                        BigDecimal expected = toppedUp.get(c).subtract(spent.getOrDefault(c, BigDecimal.ZERO));
                        assertThat(shop.balance(c)).as("balance of %s", c.email()).isEqualByComparingTo(expected);
                    }
                });

        // Notifications: exactly one per order for its final status, none twice.
        Map<Customer, List<String>> ordersOf = orderOwner.entrySet().stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        await("one notification per final order status, none twice").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (var e : ordersOf.entrySet()) {
                        List<String> keys = shop.notificationKeys(e.getKey());
                        Map<String, Long> counts = keys.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                        assertThat(counts.values()).as("notifications of %s: %s", e.getKey().email(), keys).allMatch(n -> n == 1);
                        for (String id : e.getValue()) {
                            assertThat(keys).as("notifications of %s", e.getKey().email()).contains(id + ":ORDER_" + orders.get(id).status());
                        }
                    }
                });
        return orders;
    }
}
