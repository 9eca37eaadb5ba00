package com.shopbff.notifications;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.Topics;
import com.shopbff.notifications.live.LiveNotifications;
import com.shopbff.notifications.live.LiveNotificationsListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** notificationAdded over graphql-transport-ws with a real WebSocket client. */
class NotificationSubscriptionTest extends NotificationsIntegrationTest {
    private static final String SUBSCRIPTION = "subscription { notificationAdded { id kind title body read createdAt order { id } } }";

    @Autowired
    LiveNotificationsListener liveListener;

    @Autowired
    LiveNotifications live;

    @Test
    void aSubscriberReceivesOnlyTheirOwnNewNotifications() {
        await().atMost(Duration.ofSeconds(30)).until(liveListener::isAssigned);
        String alice = fresh("c");
        String bob = fresh("c");
        String order = fresh("o");
        int before = live.subscriberCount();
        try (GraphQlWsClient aliceSocket = GraphQlWsClient.connect(port, customerToken(alice));
             GraphQlWsClient bobSocket = GraphQlWsClient.connect(port, customerToken(bob))) {
            aliceSocket.subscribe("1", SUBSCRIPTION);
            bobSocket.subscribe("1", SUBSCRIPTION);
            await().atMost(Duration.ofSeconds(10)).until(() -> live.subscriberCount() >= before + 2);

            long start = System.nanoTime();
            var forAlice = publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-90", alice, "OUT_FOR_DELIVERY"));
            DocumentContext next = aliceSocket.next(Duration.ofSeconds(20));
            System.out.printf("notificationAdded: event published -> pushed to the socket in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertThat(next).as("alice's notification").isNotNull();
            assertThat(next.read("$.type", String.class)).isEqualTo("next");
            assertThat(next.read("$.payload.data.notificationAdded.id", String.class)).isEqualTo(forAlice.eventId().toString());
            assertThat(next.read("$.payload.data.notificationAdded.kind", String.class)).isEqualTo("ORDER_OUT_FOR_DELIVERY");
            assertThat(next.read("$.payload.data.notificationAdded.title", String.class)).contains("SO-90");
            assertThat(next.read("$.payload.data.notificationAdded.order.id", String.class)).isEqualTo(order);
            assertThat(next.read("$.payload.data.notificationAdded.read", Boolean.class)).isFalse();

            var forBob = publish(Topics.WALLET_EVENTS, new com.shopbff.contracts.WalletEvent.WalletToppedUp(bob, 300, 300, "USD"));
            List<String> bobReceived = new ArrayList<>();
            DocumentContext bobNext = bobSocket.next(Duration.ofSeconds(20));
            assertThat(bobNext).as("bob's notification").isNotNull();
            bobReceived.add(bobNext.read("$.payload.data.notificationAdded.id", String.class));
            // Alice's notification was pushed before Bob's was even stored: had Bob been sent it, it would come first.
            assertThat(bobReceived).containsExactly(forBob.eventId().toString());
            // The pushed notification is the stored one.
            assertThat(graphql("{ myNotifications { edges { node { id } } } }", customerToken(bob))
                    .read("$.data.myNotifications.edges[*].node.id", List.class)).containsExactly(forBob.eventId().toString());
        }
    }

    @Test
    void anAnonymousSubscriptionIsRefused() {
        try (GraphQlWsClient socket = GraphQlWsClient.connect(port, null)) {
            socket.subscribe("1", SUBSCRIPTION);
            DocumentContext reply = socket.next(Duration.ofSeconds(10));
            assertThat(reply).isNotNull();
            assertThat(reply.jsonString()).contains("UNAUTHENTICATED");
            assertThat(reply.jsonString()).doesNotContain("notificationAdded\":{");
        }
    }
}
