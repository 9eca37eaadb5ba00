package com.shopbff.notifications;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.OrderEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.contracts.WalletEvent;
import com.shopbff.notifications.notification.NotificationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NotificationHistoryTest extends NotificationsIntegrationTest {
    /** How long an event may take to become history: generous, the first one waits for the consumer's partitions on a loaded CI machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final String HISTORY = """
            query($first: Int, $after: String, $unreadOnly: Boolean) {
              myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
                totalCount
                edges { cursor node { id kind title body read createdAt order { id } } }
                pageInfo { hasNextPage endCursor }
              }
              unreadNotificationCount
            }""";

    @Autowired
    NotificationService service;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private DocumentContext history(String customerId, Map<String, Object> vars) {
        return graphql(HISTORY, vars, customerToken(customerId));
    }

    /**
     * Waits until the first page shows {@code total} notifications in its count and in its edges: the count and the
     * page are two reads, so a notification stored between them can be in one and not yet in the other.
     */
    private DocumentContext awaitTotal(String customerId, int total) {
        return await().atMost(PATIENCE).until(() -> history(customerId, Map.of()),
                h -> h.read("$.data.myNotifications.totalCount", Integer.class) == total
                        && h.read("$.data.myNotifications.edges", List.class).size() == total);
    }

    @Test
    void anOrderStatusChangeBecomesANotificationWithTheOrderNumberAmountAndOrderReference() {
        String customer = fresh("c");
        String order = fresh("o");
        var event = publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-1042", customer, "CONFIRMED"));

        DocumentContext h = awaitTotal(customer, 1);
        assertThat(h.read("$.data.myNotifications.edges[0].node.id", String.class)).isEqualTo(event.eventId().toString());
        assertThat(h.read("$.data.myNotifications.edges[0].node.kind", String.class)).isEqualTo("ORDER_CONFIRMED");
        assertThat(h.read("$.data.myNotifications.edges[0].node.title", String.class)).contains("SO-1042");
        assertThat(h.read("$.data.myNotifications.edges[0].node.body", String.class)).contains("17.50 USD");
        assertThat(h.read("$.data.myNotifications.edges[0].node.order.id", String.class)).isEqualTo(order);
        assertThat(h.read("$.data.myNotifications.edges[0].node.read", Boolean.class)).isFalse();
        assertThat(h.read("$.data.unreadNotificationCount", Integer.class)).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventMakesNoSecondNotification() {
        String customer = fresh("c");
        String order = fresh("o");
        Envelope<OrderEvent.OrderStatusChanged> confirmed = Envelope.of(orderStatus(order, "SO-7", customer, "CONFIRMED"));
        publish(Topics.ORDER_EVENTS, confirmed);
        publish(Topics.ORDER_EVENTS, confirmed);
        publish(Topics.ORDER_EVENTS, confirmed);
        // Same key, same partition: once the later event is stored, the redeliveries before it were consumed too.
        var delivered = publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-7", customer, "DELIVERED"));

        await().atMost(PATIENCE).until(() -> history(customer, Map.of()).read("$.data.myNotifications.edges[*].node.id", List.class)
                .contains(delivered.eventId().toString()));
        DocumentContext h = history(customer, Map.of());
        assertThat(h.read("$.data.myNotifications.totalCount", Integer.class)).isEqualTo(2);
        assertThat(h.read("$.data.myNotifications.edges[*].node.id", List.class))
                .containsExactly(delivered.eventId().toString(), confirmed.eventId().toString());
    }

    @Test
    void historyIsNewestFirstAndPagesWithCursors() {
        String customer = fresh("c");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(publish(Topics.WALLET_EVENTS, Envelope.of(UUID.randomUUID(), t0.plusSeconds(i),
                    new WalletEvent.WalletToppedUp(customer, 1000 + i, 5000 + i, "USD"))).eventId().toString());
        }
        awaitTotal(customer, 3);

        DocumentContext first = history(customer, Map.of("first", 2));
        assertThat(first.read("$.data.myNotifications.edges[*].node.id", List.class)).containsExactly(ids.get(2), ids.get(1));
        assertThat(first.read("$.data.myNotifications.pageInfo.hasNextPage", Boolean.class)).isTrue();
        assertThat(first.read("$.data.myNotifications.edges[0].node.body", String.class)).contains("10.02 USD").contains("50.02 USD");
        assertThat(first.read("$.data.myNotifications.edges[0].node.order", Object.class)).isNull();

        DocumentContext second = history(customer, Map.of("first", 2, "after", first.read("$.data.myNotifications.pageInfo.endCursor", String.class)));
        assertThat(second.read("$.data.myNotifications.edges[*].node.id", List.class)).containsExactly(ids.get(0));
        assertThat(second.read("$.data.myNotifications.pageInfo.hasNextPage", Boolean.class)).isFalse();
        assertThat(second.read("$.data.myNotifications.totalCount", Integer.class)).isEqualTo(3);
    }

    @Test
    void markingOneAndThenAllReadUpdatesTheUnreadCount() {
        String customer = fresh("c");
        String order = fresh("o");
        var first = publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-11", customer, "CONFIRMED"));
        publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-11", customer, "OUT_FOR_DELIVERY"));
        publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-11", customer, "DELIVERED"));
        awaitTotal(customer, 3);
        String token = customerToken(customer);

        DocumentContext one = graphql("mutation($id: ID!) { markNotificationRead(id: $id) { notification { id read } userErrors { code } } }",
                Map.of("id", first.eventId().toString()), token);
        assertThat(one.read("$.data.markNotificationRead.notification.read", Boolean.class)).isTrue();
        assertThat(one.read("$.data.markNotificationRead.userErrors", List.class)).isEmpty();
        DocumentContext unread = history(customer, Map.of("unreadOnly", true));
        assertThat(unread.read("$.data.unreadNotificationCount", Integer.class)).isEqualTo(2);
        assertThat(unread.read("$.data.myNotifications.totalCount", Integer.class)).isEqualTo(2);
        assertThat(unread.read("$.data.myNotifications.edges[*].node.id", List.class)).doesNotContain(first.eventId().toString());

        DocumentContext all = graphql("mutation { markAllNotificationsRead { markedCount userErrors { code } } }", token);
        assertThat(all.read("$.data.markAllNotificationsRead.markedCount", Integer.class)).isEqualTo(2);
        DocumentContext after = history(customer, Map.of());
        assertThat(after.read("$.data.unreadNotificationCount", Integer.class)).isZero();
        assertThat(after.read("$.data.myNotifications.edges[*].node.read", List.class)).containsOnly(true);
    }

    @Test
    void aCustomerCannotReadOrMarkAnotherCustomersNotification() {
        String owner = fresh("c");
        String other = fresh("c");
        var event = publish(Topics.ORDER_EVENTS, orderStatus(fresh("o"), "SO-3", owner, "CONFIRMED"));
        awaitTotal(owner, 1);

        DocumentContext theirs = history(other, Map.of());
        assertThat(theirs.read("$.data.myNotifications.totalCount", Integer.class)).isZero();
        DocumentContext mark = graphql("mutation($id: ID!) { markNotificationRead(id: $id) { notification { id } userErrors { code field } } }",
                Map.of("id", event.eventId().toString()), customerToken(other));
        assertThat(mark.read("$.data.markNotificationRead.notification", Object.class)).isNull();
        assertThat(mark.read("$.data.markNotificationRead.userErrors[0].code", String.class)).isEqualTo("NOT_FOUND");
        assertThat(mark.read("$.data.markNotificationRead.userErrors[0].field", List.class)).containsExactly("id");
        graphql("mutation { markAllNotificationsRead { markedCount } }", customerToken(other));
        assertThat(history(owner, Map.of()).read("$.data.unreadNotificationCount", Integer.class)).isEqualTo(1);
    }

    @Test
    void anonymousCallersAreUnauthenticated() {
        for (String doc : List.of("{ myNotifications { totalCount } }", "{ unreadNotificationCount }", "{ myNotificationPreferences { emailEnabled } }",
                "mutation { markAllNotificationsRead { markedCount } }", "mutation { markNotificationRead(id: \"x\") { userErrors { code } } }",
                "mutation { updateNotificationPreferences(input: {emailEnabled: false}) { userErrors { code } } }")) {
            DocumentContext r = graphql(doc, null);
            assertThat(r.read("$.errors[0].extensions.code", String.class)).as(doc).isEqualTo("UNAUTHENTICATED");
        }
        DocumentContext forged = graphql("{ unreadNotificationCount }", "not-a-token");
        assertThat(forged.read("$.errors[0].extensions.code", String.class)).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void badPagingArgumentsAreBadUserInput() {
        String token = customerToken(fresh("c"));
        assertThat(graphql("{ myNotifications(first: 101) { totalCount } }", token).read("$.errors[0].extensions.code", String.class))
                .isEqualTo("BAD_USER_INPUT");
        assertThat(graphql("{ myNotifications(after: \"bm9wZQ\") { totalCount } }", token).read("$.errors[0].extensions.code", String.class))
                .isEqualTo("BAD_USER_INPUT");
        assertThat(graphql("{ myNotifications(after: \"%%%\") { totalCount } }", token).read("$.errors[0].extensions.code", String.class))
                .isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void aRegisteredCustomerIsWelcomed() {
        String customer = fresh("c");
        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerRegistered(customer, customer + "@example.com", "Dana"));
        DocumentContext h = awaitTotal(customer, 1);
        assertThat(h.read("$.data.myNotifications.edges[0].node.kind", String.class)).isEqualTo("WELCOME");
        assertThat(h.read("$.data.myNotifications.edges[0].node.title", String.class)).isEqualTo("Welcome, Dana!");
    }

    @Test
    void aDeletedCustomersNotificationsArePurgedAndStayGone() {
        String customer = fresh("c");
        String token = customerToken(customer);
        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerRegistered(customer, customer + "@example.com", "Eve"));
        publish(Topics.WALLET_EVENTS, new WalletEvent.WalletToppedUp(customer, 500, 500, "USD"));
        graphql("mutation { updateNotificationPreferences(input: {emailEnabled: false}) { userErrors { code } } }", token);
        awaitTotal(customer, 2);

        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerDeleted(customer));
        awaitTotal(customer, 0);
        assertThat(graphql("{ myNotificationPreferences { emailEnabled } }", token)
                .read("$.data.myNotificationPreferences.emailEnabled", Boolean.class)).isTrue();

        // An event that was in flight on another topic when the customer was deleted does not bring them back.
        double suppressed = suppressed();
        publish(Topics.WALLET_EVENTS, new WalletEvent.WalletToppedUp(customer, 100, 600, "USD"));
        await().atMost(PATIENCE).until(() -> suppressed() > suppressed);
        assertThat(history(customer, Map.of()).read("$.data.myNotifications.totalCount", Integer.class)).isZero();
    }

    private double suppressed() {
        var counter = meters.find("shop.notifications.suppressed").tag("reason", "customer-erased").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void notificationsOlderThanTheRetentionAreSwept() {
        String customer = fresh("c");
        var old = publish(Topics.WALLET_EVENTS, Envelope.of(UUID.randomUUID(), Instant.now().minus(Duration.ofDays(181)),
                new WalletEvent.WalletToppedUp(customer, 100, 100, "USD")));
        var recent = publish(Topics.WALLET_EVENTS, new WalletEvent.WalletToppedUp(customer, 200, 300, "USD"));
        awaitTotal(customer, 2);

        assertThat(service.sweepExpired()).isGreaterThanOrEqualTo(1);
        DocumentContext h = history(customer, Map.of());
        assertThat(h.read("$.data.myNotifications.edges[*].node.id", List.class)).containsExactly(recent.eventId().toString());
        assertThat(old.eventId()).isNotNull();
    }
}
