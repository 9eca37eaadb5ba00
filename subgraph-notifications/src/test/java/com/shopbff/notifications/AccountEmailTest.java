package com.shopbff.notifications;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.CustomerEvent.AccountEmailKind;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.PrivacyReply;
import com.shopbff.contracts.Topics;
import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.support.testing.TopicProbe;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Account emails (verification, password reset, security notices) through the email channel to a real SMTP server
 * (GreenMail): sent to the address in the request whatever the preferences, never in the history; and this subgraph's
 * part of erasure and data export.
 */
class AccountEmailTest extends NotificationsIntegrationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final TopicProbe REPLIES = new TopicProbe(SharedTestInfra.kafka().bootstrapServers(), Topics.PRIVACY_REPLIES);

    @Autowired
    MongoTemplate mongo;

    @AfterAll
    static void close() {
        REPLIES.close();
    }

    private MimeMessage awaitEmail(String to, String subjectPart) {
        return await().atMost(PATIENCE).until(() -> TestSmtp.messagesTo(to).stream()
                .filter(m -> TestSmtp.subject(m).contains(subjectPart)).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    @Test
    void aVerificationLinkIsEmailedEvenWithEmailTurnedOffAndStaysOutOfTheHistory() {
        String customer = fresh("c");
        String token = customerToken(customer);
        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerRegistered(customer, customer + "@example.com", "Ida", false));
        awaitEmail(customer + "@example.com", "Welcome");
        graphql("mutation { updateNotificationPreferences(input: {emailEnabled: false}) { userErrors { code } } }", token);

        String link = "http://localhost:4080/verify-email?token=" + customer + ".s3cr3t";
        Envelope<?> sent = publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.AccountEmailRequested(customer, AccountEmailKind.VERIFY_EMAIL,
                customer + "@example.com", "Ida", link, Instant.now().plus(Duration.ofHours(24))));
        MimeMessage mail = awaitEmail(customer + "@example.com", "Confirm your email address");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("Hello Ida").contains(link).contains("24 hours").doesNotContain("notification preferences");
        // not a notification: no history entry; once sent, the stored copy no longer holds the link
        assertThat(graphql("{ myNotifications { edges { node { kind } } } }", token).read("$.data.myNotifications.edges[*].node.kind", List.class))
                .containsExactly("WELCOME");
        await().atMost(PATIENCE).until(() -> "SENT".equals(mongo.findById(sent.eventId().toString(), Document.class, "account_emails").getString("status")));
        assertThat(mongo.findById(sent.eventId().toString(), Document.class, "account_emails")).doesNotContainKey("body");
        // a redelivered request sends nothing twice
        publish(Topics.CUSTOMER_EVENTS, sent);
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> TestSmtp.messagesTo(customer + "@example.com").stream()
                .filter(m -> TestSmtp.subject(m).contains("Confirm your email")).count() == 1);
    }

    @Test
    void aChangeOfEmailIsConfirmedAtTheNewAddressAndTheOldOneIsTold() {
        String customer = fresh("c");
        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerRegistered(customer, customer + "@old.example.com", "Jon", true));
        awaitEmail(customer + "@old.example.com", "Welcome");
        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.AccountEmailRequested(customer, AccountEmailKind.CONFIRM_NEW_EMAIL,
                customer + "@new.example.com", "Jon", "http://localhost:4080/verify-email?token=t", Instant.now().plus(Duration.ofHours(24))));
        assertThat(GreenMailUtil.getBody(awaitEmail(customer + "@new.example.com", "Confirm your new email address")))
                .contains("http://localhost:4080/verify-email?token=t");
        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.EmailVerified(customer, customer + "@new.example.com"));
        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.AccountEmailRequested(customer, AccountEmailKind.EMAIL_CHANGED,
                customer + "@old.example.com", "Jon", null, null));
        awaitEmail(customer + "@old.example.com", "email address was changed");
        // notifications follow the new address from now on
        publish(Topics.ORDER_EVENTS, orderStatus(fresh("o"), "SO-77", customer, "CONFIRMED"));
        awaitEmail(customer + "@new.example.com", "Order SO-77 is confirmed");
    }

    @Test
    void aResetLinkThatExpiredBeforeItCouldBeSentIsNotSent() {
        String customer = fresh("c");
        Envelope<?> sent = publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.AccountEmailRequested(customer, AccountEmailKind.PASSWORD_RESET,
                customer + "@example.com", "Kai", "http://localhost:4080/reset-password?token=x", Instant.now().minusSeconds(1)));
        await().atMost(PATIENCE).until(() -> {
            Document d = mongo.findById(sent.eventId().toString(), Document.class, "account_emails");
            return d != null && "EXPIRED".equals(d.getString("status"));
        });
        assertThat(TestSmtp.messagesTo(customer + "@example.com")).isEmpty();
    }

    @Test
    void erasureAndExportAreAnsweredOnPrivacyReplies() {
        String customer = fresh("c");
        String token = customerToken(customer);
        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerRegistered(customer, customer + "@example.com", "Liv", true));
        publish(Topics.ORDER_EVENTS, orderStatus(fresh("o"), "SO-88", customer, "CONFIRMED"));
        await().atMost(PATIENCE).until(() -> graphql("{ myNotifications { totalCount } }", token).read("$.data.myNotifications.totalCount", Integer.class) == 2);

        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.DataExportRequested(customer, "export-" + customer, 1));
        PrivacyReply.DataExportPart part = REPLIES.await(PrivacyReply.DataExportPart.class, p -> p.exportId().equals("export-" + customer));
        assertThat(part.source()).isEqualTo("notifications");
        DocumentContext json = com.jayway.jsonpath.JsonPath.parse(part.data());
        assertThat(json.read("$.contact.email", String.class)).isEqualTo(customer + "@example.com");
        assertThat(json.read("$.notifications[*].title", List.class)).hasSize(2).anyMatch(t -> t.toString().contains("SO-88"));
        assertThat(json.read("$.preferences.emailEnabled", Boolean.class)).isTrue();

        publish(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerDeleted(customer));
        PrivacyReply.ErasureCompleted done = REPLIES.await(PrivacyReply.ErasureCompleted.class, r -> r.customerId().equals(customer));
        assertThat(done.source()).isEqualTo("notifications");
        assertThat(done.detail()).contains("2 notifications");
        assertThat(graphql("{ myNotifications { totalCount } }", token).read("$.data.myNotifications.totalCount", Integer.class)).isZero();
    }
}
