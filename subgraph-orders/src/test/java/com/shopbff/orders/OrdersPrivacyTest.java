package com.shopbff.orders;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.PrivacyReply;
import com.shopbff.contracts.Topics;
import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.support.testing.TestTokens;
import com.shopbff.support.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orders subgraph's part of erasure and data export (decision 0020), driven by customer.events on the real
 * broker and answered on privacy.replies; and the verified-email gate of checkout.
 */
class OrdersPrivacyTest extends OrdersIntegrationTest {
    private static final TopicProbe REPLIES = new TopicProbe(SharedTestInfra.kafka().bootstrapServers(), Topics.PRIVACY_REPLIES);
    private static final String ADVANCE = "mutation($i: AdvanceOrderInput!) { advanceOrder(input: $i) { order { status } userErrors { code } } }";

    @AfterAll
    static void close() {
        REPLIES.close();
    }

    @Test
    void erasureCancelsAndRefundsUnshippedOrdersAnonymisesTheRestAndSaysSo() {
        String customer = fresh("c"), admin = TestTokens.admin(fresh("admin")), token = TestTokens.customer(customer);
        participants.balances.put(customer, 10_000L);
        String tea = product("Gyokuro", 100, 20);
        String confirmed = placeOrder(customer, tea, 1, ADDRESS);
        awaitStatus(admin, confirmed, "CONFIRMED");
        String delivered = placeOrder(customer, tea, 2, ADDRESS);
        awaitStatus(admin, delivered, "CONFIRMED");
        http.post(admin, ADVANCE, "i", Map.of("id", delivered, "status", "OUT_FOR_DELIVERY"));
        http.post(admin, ADVANCE, "i", Map.of("id", delivered, "status", "DELIVERED"));
        addToCart(token, tea, 3);
        int refundsBefore = participants.refunds.get();

        participants.send(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerDeleted(customer));

        PrivacyReply.ErasureCompleted done = REPLIES.await(PrivacyReply.ErasureCompleted.class, r -> r.customerId().equals(customer));
        assertThat(done.source()).isEqualTo("orders");
        assertThat(done.detail()).contains("1 unshipped orders cancelled and refunded", "2 orders anonymised", "cart removed");
        DocumentContext cancelled = order(admin, confirmed);
        assertThat(cancelled.<String>read("$.data.order.status")).isEqualTo("CANCELLED");
        assertThat(cancelled.<List<String>>read("$.data.order.statusHistory[*].reason")).contains("cancelled because the customer erased their account");
        assertThat(cancelled.<Object>read("$.data.order.delivery.address")).isNull();
        await().atMost(SAGA).until(() -> participants.refunds.get() > refundsBefore);
        DocumentContext kept = order(admin, delivered);
        assertThat(kept.<String>read("$.data.order.status")).isEqualTo("DELIVERED");
        assertThat(kept.<Object>read("$.data.order.delivery.address")).isNull();
        assertThat(kept.<String>read("$.data.order.total.amount")).as("amounts stay for the books").isNotNull();
        assertThat(http.post(token, "{ myCart { itemCount } }").<Integer>read("$.data.myCart.itemCount")).isZero();
    }

    @Test
    void anOrderOutForDeliveryAtErasureKeepsItsAddressUntilItIsDelivered() {
        String customer = fresh("c"), admin = TestTokens.admin(fresh("admin"));
        participants.balances.put(customer, 10_000L);
        String tea = product("Kukicha", 100, 20);
        String id = placeOrder(customer, tea, 1, ADDRESS);
        awaitStatus(admin, id, "CONFIRMED");
        http.post(admin, ADVANCE, "i", Map.of("id", id, "status", "OUT_FOR_DELIVERY"));
        participants.send(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerDeleted(customer));
        PrivacyReply.ErasureCompleted done = REPLIES.await(PrivacyReply.ErasureCompleted.class, r -> r.customerId().equals(customer));
        assertThat(done.detail()).contains("0 unshipped orders cancelled", "1 out for delivery keep their address until delivered");
        DocumentContext onItsWay = order(admin, id);
        assertThat(onItsWay.<String>read("$.data.order.status")).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(onItsWay.<String>read("$.data.order.delivery.address.line1")).isEqualTo("1 Tea Street");

        assertThat(http.post(admin, ADVANCE, "i", Map.of("id", id, "status", "DELIVERED")).<String>read("$.data.advanceOrder.order.status"))
                .isEqualTo("DELIVERED");
        assertThat(order(admin, id).<Object>read("$.data.order.delivery.address")).isNull();
    }

    @Test
    void aDataExportRequestIsAnsweredWithTheCustomersOrdersAndCart() {
        String customer = fresh("c"), admin = TestTokens.admin(fresh("admin")), token = TestTokens.customer(customer);
        participants.balances.put(customer, 10_000L);
        String tea = product("Hojicha", 250, 20);
        String id = placeOrder(customer, tea, 2, ADDRESS);
        awaitStatus(admin, id, "CONFIRMED");
        addToCart(token, tea, 1);
        String number = order(admin, id).read("$.data.order.number");

        participants.send(Topics.CUSTOMER_EVENTS, new CustomerEvent.DataExportRequested(customer, "export-" + customer, 1));
        PrivacyReply.DataExportPart first = REPLIES.await(PrivacyReply.DataExportPart.class, p -> p.exportId().equals("export-" + customer));
        await().atMost(SAGA).until(() -> REPLIES.payloads(PrivacyReply.DataExportPart.class,
                p -> p.exportId().equals("export-" + customer)).size() == first.chunkCount());
        String json = REPLIES.payloads(PrivacyReply.DataExportPart.class, p -> p.exportId().equals("export-" + customer)).stream()
                .sorted(java.util.Comparator.comparingInt(PrivacyReply.DataExportPart::chunk)).map(PrivacyReply.DataExportPart::data)
                .collect(Collectors.joining());
        assertThat(first.source()).isEqualTo("orders");
        DocumentContext part = JsonPath.parse(json);
        assertThat(part.<List<String>>read("$.orders[*].number")).containsExactly(number);
        assertThat(part.<List<String>>read("$.orders[0].lines[*].productName")).containsExactly("Hojicha");
        assertThat(part.<List<Integer>>read("$.cart[*].quantity")).containsExactly(1);
        assertThat(json).doesNotContain("outbox").doesNotContain("idempotencyKey");
    }

    @Test
    void checkoutAsksForAConfirmedEmailOnceTheAccountIsKnownToBeUnverified() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        String tea = product("Genmaicha", 100, 20);
        participants.send(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerRegistered(customer, customer + "@example.com", "New", false));
        await().atMost(SAGA).until(() -> projections.emailVerified(customer).isPresent());
        addToCart(token, tea, 1);
        DocumentContext refused = checkout(token, ADDRESS, fresh("key"));
        assertThat(refused.<List<String>>read("$.data.checkout.userErrors[*].code")).containsExactly("EMAIL_NOT_VERIFIED");
        assertThat(refused.<Object>read("$.data.checkout.order")).isNull();

        participants.send(Topics.CUSTOMER_EVENTS, new CustomerEvent.EmailVerified(customer, customer + "@example.com"));
        await().atMost(SAGA).until(() -> projections.emailVerified(customer).orElse(false));
        DocumentContext placed = checkout(token, ADDRESS, fresh("key"));
        assertThat(placed.<List<?>>read("$.data.checkout.userErrors")).isEmpty();
        assertThat(placed.<String>read("$.data.checkout.order.status")).isEqualTo("PENDING");
    }
}
