package com.shopbff.notifications;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.Topics;
import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.notifications.live.LiveNotifications;
import com.shopbff.notifications.live.LiveNotificationsListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the subgraph: the test context's, which stores every notification, and a second one started
 * here that stores nothing ({@code shop.notifications.consume-events=false}) and only holds the socket. The
 * subscriber on the second instance still gets the notifications the first one stored.
 */
class ScaleOutTest extends NotificationsIntegrationTest {
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startSecondInstance() {
        second = new SpringApplicationBuilder(com.shopbff.support.testing.TestTokensConfiguration.class, NotificationsApplication.class)
                .properties("spring.config.name=" + NotificationsApplication.CONFIG_NAME)
                .run("--server.port=0",
                        "--spring.mongodb.uri=" + SharedTestInfra.mongo().connectionString(),
                        "--spring.kafka.bootstrap-servers=" + SharedTestInfra.kafka().bootstrapServers(),
                        "--shop.notifications.consume-events=false");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) second.close();
    }

    @Test
    void aSubscriberGetsNotificationsStoredByAnotherInstance() {
        LiveNotificationsListener listener = second.getBean(LiveNotificationsListener.class);
        LiveNotifications live = second.getBean(LiveNotifications.class);
        await().atMost(Duration.ofSeconds(30)).until(listener::isAssigned);
        int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
        String customer = fresh("c");
        List<String> orders = List.of(fresh("o"), fresh("o"), fresh("o"));
        int before = live.subscriberCount();
        try (GraphQlWsClient socket = GraphQlWsClient.connect(secondPort, customerToken(customer))) {
            socket.subscribe("s", "subscription { notificationAdded { id order { id } } }");
            await().atMost(Duration.ofSeconds(10)).until(() -> live.subscriberCount() > before);

            Set<String> published = new HashSet<>();
            for (String order : orders) {
                published.add(publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-" + order.substring(2, 8), customer, "CONFIRMED")).eventId().toString());
            }
            Set<String> received = new HashSet<>();
            while (received.size() < published.size()) {
                DocumentContext next = socket.next(Duration.ofSeconds(20));
                assertThat(next).as("received %s of %s", received, published).isNotNull();
                received.add(next.read("$.payload.data.notificationAdded.id", String.class));
            }
            assertThat(received).isEqualTo(published);
        }
    }
}
