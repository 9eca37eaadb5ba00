package com.shopbff.system;

import com.shopbff.system.Shop.Customer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18, defect 1 and feature 1, across every subgraph through the router: an erased customer who had ordered
 * leaves the admin's screens working (orders, statistics), unshipped orders cancelled and refunded, the wallet paid
 * out, the old token refused, the erasure audited until every subgraph confirmed it; and a data export gathered from
 * every subgraph into one JSON document (prints how long it took; not asserted).
 */
class PrivacySystemTest {
    private static final SystemStack STACK = SystemStack.get();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void erasingACustomerWhoOrderedKeepsTheAdminScreensWhole() {
        Shop shop = STACK.shop;
        Customer c = shop.signUp("erased");
        String tea = shop.createProduct("Erasure tea " + c.id().substring(0, 8), "4.00", 50);
        shop.topUp(c, "50.00");
        shop.addToCart(c, tea, 2);
        String delivered = shop.checkout(c);
        shop.awaitFinal(List.of(delivered), PATIENCE);
        shop.advanceOrder(delivered, "OUT_FOR_DELIVERY");
        shop.advanceOrder(delivered, "DELIVERED");
        shop.addToCart(c, tea, 3);
        String unshipped = shop.checkout(c);
        assertThat(shop.awaitFinal(List.of(unshipped), PATIENCE).get(unshipped).status()).isEqualTo("CONFIRMED");
        BigDecimal left = shop.balance(c);

        JsonNode deleted = STACK.gql.data("mutation($p: String!) { deleteMyAccount(password: $p) { deletedCustomerId userErrors { code } } }",
                Map.of("p", "correct-horse-9"), c.token()).get("deleteMyAccount");
        assertThat(deleted.get("deletedCustomerId").asString()).isEqualTo(c.id());

        // the old access token is refused everywhere (no 15-minute window)
        await().atMost(Duration.ofSeconds(15)).until(() -> "UNAUTHENTICATED".equals(
                STACK.gql.call("{ myWallet { balance { amount } } }", Map.of(), c.token()).at("/errors/0/extensions/code").asString("")));
        await().atMost(Duration.ofSeconds(15)).until(() -> "UNAUTHENTICATED".equals(
                STACK.gql.call("{ myOrders(first: 1) { totalCount } }", Map.of(), c.token()).at("/errors/0/extensions/code").asString("")));

        // the admin's screens: the customer resolves as anonymised, nothing becomes data: null
        String admin = shop.admin();
        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(orderOf(admin, c.id(), unshipped).at("/status").asString()));
        JsonNode orders = STACK.gql.call("query($c: ID) { orders(first: 10, filter: {customerId: $c}) { edges { node { id status "
                + "customer { id email name erasedAt } delivery { address { line1 } } total { amount } } } } }", Map.of("c", c.id()), admin);
        assertThat(orders.has("errors")).as("%s", orders).isFalse();
        assertThat(orders.at("/data/orders/edges")).hasSize(2);
        for (JsonNode e : orders.at("/data/orders/edges")) {
            JsonNode customer = e.at("/node/customer");
            assertThat(customer.get("name").asString()).isEqualTo("Erased customer");
            assertThat(customer.get("email").asString()).endsWith("@erased.invalid");
            assertThat(customer.get("erasedAt").isNull()).isFalse();
            assertThat(e.at("/node/delivery/address").isNull()).as("address erased").isTrue();
        }
        JsonNode cancelled = orderOf(admin, c.id(), unshipped);
        assertThat(cancelled.at("/statusHistory").toString()).contains("cancelled because the customer erased their account");
        JsonNode stats = STACK.gql.call("{ orderStats { topCustomers { customer { id email name } orderCount } } }", Map.of(), admin);
        assertThat(stats.has("errors")).as("%s", stats).isFalse();
        assertThat(stats.at("/data/orderStats/topCustomers").isArray()).isTrue();

        // every subgraph confirmed; the wallet paid out what was left plus the refund of the cancelled order
        JsonNode audit = await().atMost(PATIENCE).until(() -> STACK.gql.data("query($c: ID) { privacyRequests(customerId: $c, kind: ERASURE) "
                + "{ edges { node { status steps { source completedAt detail } } } } }", Map.of("c", c.id()), admin)
                .at("/privacyRequests/edges/0/node"), n -> "COMPLETED".equals(n.at("/status").asString()));
        assertThat(audit.at("/steps").toString()).contains("orders", "wallet", "notifications");
        // the wallet's step reports the wallet as it closed: paid out already, or a payout due when the cancelled
        // order's refund (or the payout itself) was still on its way; the payout is checked below in closedWallets
        assertThat(audit.at("/steps").toString()).containsAnyOf("paid out", "payout due");
        BigDecimal refunded = new BigDecimal(cancelled.at("/total/amount").asString());
        BigDecimal expectedPayout = left.add(refunded);
        JsonNode wallet = await().atMost(PATIENCE).until(() -> closedWallet(admin, c.id()),
                w -> w != null && new BigDecimal(w.at("/paidOut/amount").asString()).compareTo(expectedPayout) == 0);
        assertThat(wallet.at("/payoutStatus").asString()).isEqualTo("PAID");
        assertThat(new BigDecimal(wallet.at("/balance/amount").asString())).isZero();
        System.out.printf("erasure: paid out %s (balance %s at erasure + refund %s of the cancelled order); audit: %s%n",
                wallet.at("/paidOut/amount").asString(), left, refunded, audit.at("/steps"));
    }

    @Test
    void aDataExportGathersTheCustomersDataFromEverySubgraph() {
        Shop shop = STACK.shop;
        Customer c = shop.signUp("export");
        String tea = shop.createProduct("Export tea " + c.id().substring(0, 8), "3.00", 50);
        shop.topUp(c, "20.00");
        shop.addToCart(c, tea, 1);
        String order = shop.checkout(c);
        shop.awaitFinal(List.of(order), PATIENCE);
        await().atMost(PATIENCE).until(() -> !shop.notificationKeys(c).isEmpty());

        long asked = System.nanoTime();
        JsonNode started = STACK.gql.data("mutation { exportMyData { export { id status } userErrors { code } } }", Map.of(), c.token());
        String id = started.at("/exportMyData/export/id").asString();
        JsonNode ready = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> STACK.gql.data(
                "query($id: ID!) { dataExport(id: $id) { status sources { name receivedAt } document } }", Map.of("id", id), c.token())
                .get("dataExport"), e -> "READY".equals(e.get("status").asString()));
        System.out.printf("data export ready %d ms after exportMyData (sources %s)%n", (System.nanoTime() - asked) / 1_000_000, ready.get("sources"));
        JsonNode doc = Gql.JSON.readTree(ready.get("document").asString());
        assertThat(doc.at("/customer/id").asString()).isEqualTo(c.id());
        assertThat(doc.at("/customer/email").asString()).isEqualTo(c.email());
        assertThat(doc.at("/orders/orders/0/id").asString()).isEqualTo(order);
        assertThat(doc.at("/wallet/transactions").size()).isGreaterThanOrEqualTo(2);
        assertThat(doc.at("/notifications/notifications").size()).isGreaterThanOrEqualTo(1);
        assertThat(doc.at("/notifications/contact/email").asString()).isEqualTo(c.email());
        // only the customer reads it: the admin sees the audit entry, not the content
        assertThat(STACK.gql.data("query($id: ID!) { dataExport(id: $id) { status document } }", Map.of("id", id), shop.admin())
                .at("/dataExport/document").isNull()).isTrue();
    }

    private static JsonNode orderOf(String admin, String customerId, String orderId) {
        return STACK.gql.data("query($id: ID!) { order(id: $id) { status total { amount } statusHistory { status reason } } }", Map.of("id", orderId), admin)
                .get("order");
    }

    private static JsonNode closedWallet(String admin, String customerId) {
        for (JsonNode e : STACK.gql.data("{ closedWallets(first: 100) { edges { node { customerId balance { amount } paidOut { amount } payoutStatus } } } }",
                Map.of(), admin).at("/closedWallets/edges")) {
            if (e.at("/node/customerId").asString().equals(customerId)) return e.get("node");
        }
        return null;
    }
}
