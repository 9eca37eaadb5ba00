package com.shopbff.notifications;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Topics;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The email channel against a real SMTP server (GreenMail), including one that is down. */
class EmailDeliveryTest extends NotificationsIntegrationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    MongoTemplate mongo;

    private String register(String customer, String name) {
        String email = customer + "@example.com";
        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerRegistered(customer, email, name));
        awaitEmail(email, "Welcome, " + name + "!");
        return email;
    }

    private MimeMessage awaitEmail(String to, String subjectPart) {
        return await().atMost(PATIENCE).until(() -> TestSmtp.messagesTo(to).stream()
                        .filter(m -> TestSmtp.subject(m).contains(subjectPart)).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private void awaitInApp(String customer, int total) {
        await().atMost(PATIENCE).until(() -> graphql("{ myNotifications { totalCount } }", customerToken(customer))
                .read("$.data.myNotifications.totalCount", Integer.class) == total);
    }

    @Test
    void notificationsAreEmailedToTheRegisteredAddress() {
        String customer = fresh("c");
        String email = register(customer, "Fay");

        publish(Topics.ORDER_EVENTS, orderStatus(fresh("o"), "SO-55", customer, "CONFIRMED"));
        MimeMessage mail = awaitEmail(email, "SO-55");
        assertThat(TestSmtp.subject(mail)).isEqualTo("Order SO-55 is confirmed");
        assertThat(GreenMailUtil.getBody(mail)).contains("Hello Fay").contains("17.50 USD");
    }

    @Test
    void emailCanBeTurnedOffPerKindAndAltogether() {
        String customer = fresh("c");
        String token = customerToken(customer);
        String email = register(customer, "Gus");
        DocumentContext updated = graphql("""
                mutation { updateNotificationPreferences(input: {emailDisabledKinds: ["ORDER_CONFIRMED", "ORDER_CONFIRMED"]}) {
                  preferences { emailEnabled emailDisabledKinds } userErrors { code } } }""", token);
        assertThat(updated.read("$.data.updateNotificationPreferences.preferences.emailDisabledKinds", List.class)).containsExactly("ORDER_CONFIRMED");
        assertThat(updated.read("$.data.updateNotificationPreferences.preferences.emailEnabled", Boolean.class)).isTrue();

        String order = fresh("o");
        var confirmed = publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-60", customer, "CONFIRMED"));
        publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-60", customer, "DELIVERED"));
        awaitEmail(email, "Order SO-60 was delivered");
        awaitInApp(customer, 3);
        assertThat(TestSmtp.messagesTo(email)).extracting(TestSmtp::subject).noneMatch(s -> s.contains("is confirmed"));
        assertThat(deliveries(confirmed.eventId().toString())).doesNotContainKey("email");

        DocumentContext off = graphql("mutation { updateNotificationPreferences(input: {emailEnabled: false}) { preferences { emailEnabled emailDisabledKinds } } }", token);
        assertThat(off.read("$.data.updateNotificationPreferences.preferences.emailEnabled", Boolean.class)).isFalse();
        assertThat(off.read("$.data.updateNotificationPreferences.preferences.emailDisabledKinds", List.class)).containsExactly("ORDER_CONFIRMED");
        var shipped = publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-60", customer, "OUT_FOR_DELIVERY"));
        awaitInApp(customer, 4);
        assertThat(deliveries(shipped.eventId().toString())).doesNotContainKey("email");
        assertThat(graphql("{ myNotificationPreferences { emailEnabled } }", token).read("$.data.myNotificationPreferences.emailEnabled", Boolean.class)).isFalse();
    }

    @Test
    void anUnknownKindIsAUserErrorAndChangesNothing() {
        String token = customerToken(fresh("c"));
        DocumentContext r = graphql("""
                mutation { updateNotificationPreferences(input: {emailEnabled: false, emailDisabledKinds: ["WALLET_CHARGED", "SPAM"]}) {
                  preferences { emailEnabled } userErrors { code field } } }""", token);
        assertThat(r.read("$.data.updateNotificationPreferences.preferences", Object.class)).isNull();
        assertThat(r.read("$.data.updateNotificationPreferences.userErrors[0].code", String.class)).isEqualTo("UNKNOWN_KIND");
        assertThat(r.read("$.data.updateNotificationPreferences.userErrors[0].field", List.class)).containsExactly("input", "emailDisabledKinds", "1");
        assertThat(graphql("{ myNotificationPreferences { emailEnabled emailDisabledKinds } }", token).read("$.data.myNotificationPreferences", Map.class))
                .isEqualTo(Map.of("emailEnabled", true, "emailDisabledKinds", List.of()));
    }

    @Test
    void aFailingSmtpServerDeadLettersTheEmailWhileInAppNotificationsKeepComing() {
        String customer = fresh("c");
        String email = register(customer, "Hal");
        String order = fresh("o");
        TestSmtp.stop();
        try {
            var confirmed = publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-70", customer, "CONFIRMED"));
            publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-70", customer, "DELIVERED"));
            awaitInApp(customer, 3);

            Document letter = await().atMost(PATIENCE).until(
                    () -> mongo.findById(confirmed.eventId() + ":email", Document.class, "email_dead_letters"), java.util.Objects::nonNull);
            assertThat(letter.getInteger("attempts")).isEqualTo(3);
            assertThat(letter.getString("recipient")).isEqualTo(email);
            assertThat(letter.getString("title")).isEqualTo("Order SO-70 is confirmed");
            assertThat(letter.getString("lastError")).isNotBlank();
            assertThat(deliveries(confirmed.eventId().toString()).get("email", Document.class).getInteger("attempts")).isEqualTo(3);
            assertThat(graphql("{ myNotifications { edges { node { id } } } }", customerToken(customer))
                    .read("$.data.myNotifications.edges[*].node.id", List.class)).contains(confirmed.eventId().toString());
        } finally {
            TestSmtp.start();
        }
        // Deliveries are independent: once the server is back, new notifications are emailed again.
        publish(Topics.ORDER_EVENTS, orderStatus(order, "SO-70", customer, "PICKED_UP"));
        awaitEmail(email, "Order SO-70 was picked up");
    }

    private Document deliveries(String notificationId) {
        return mongo.findById(notificationId, Document.class, "notifications").get("deliveries", Document.class);
    }
}
