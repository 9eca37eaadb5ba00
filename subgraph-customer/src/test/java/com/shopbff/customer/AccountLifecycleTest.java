package com.shopbff.customer;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.CustomerEvent.AccountEmailKind;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Account lifecycle after sign-up: email verification, resending, change of email, password change and reset. The
 * emails are AccountEmailRequested messages on customer.events (the notifications subgraph sends them; its test uses
 * GreenMail); their links carry the single-use tokens this test follows.
 */
class AccountLifecycleTest extends CustomerIntegrationTest {
    private static final String ME = "{ me { id email emailVerified pendingEmail hasPassword } }";
    private static final String VERIFY = "mutation($t: String!) { verifyEmail(input: {token: $t}) { customer { id email emailVerified } userErrors { code field } } }";
    private static final String CHANGE_PASSWORD = "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { customer { id } userErrors { code field } } }";
    private static final String REQUEST_RESET = "mutation($e: String!) { requestPasswordReset(input: {email: $e}) { userErrors { code field } } }";
    private static final String RESET = "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { " + SESSION + " } }";
    private static final String CHANGE_EMAIL = "mutation($i: ChangeEmailInput!) { changeEmail(input: $i) { customer { email pendingEmail } userErrors { code field } } }";
    private static final String NEW_PASSWORD = "battery-staple-7";

    @Autowired
    MongoTemplate mongo;

    private static CustomerEvent.AccountEmailRequested email(String customerId, AccountEmailKind kind) {
        return (CustomerEvent.AccountEmailRequested) awaitCustomerEvent(customerId,
                e -> e.payload() instanceof CustomerEvent.AccountEmailRequested r && r.kind() == kind).payload();
    }

    private static String tokenOf(String link) {
        String query = link.substring(link.indexOf("token=") + 6);
        return URLDecoder.decode(query, StandardCharsets.UTF_8);
    }

    private DocumentContext signIn(String email, String password, String client) {
        return gql("mutation($i: SignInInput!) { signIn(input: $i) { " + SESSION + " } }",
                Map.of("i", Map.of("email", email, "password", password)), null, Map.of("X-Forwarded-For", client));
    }

    @Test
    void aNewAccountIsUnverifiedUntilTheEmailedLinkIsOpenedOnce() {
        Account a = signUp("verify");
        assertThat((Boolean) gql(ME, Map.of(), a.accessToken()).read("$.data.me.emailVerified")).isFalse();
        CustomerEvent.AccountEmailRequested mail = email(a.id(), AccountEmailKind.VERIFY_EMAIL);
        assertThat(mail.to()).isEqualTo(a.email());
        assertThat(mail.link()).startsWith("http://localhost:4080/verify-email?token=");
        assertThat(mail.expiresAt()).isAfter(java.time.Instant.now().plus(Duration.ofHours(23)));

        DocumentContext verified = gql(VERIFY, Map.of("t", tokenOf(mail.link())));
        assertThat((Boolean) verified.read("$.data.verifyEmail.customer.emailVerified")).isTrue();
        assertThat((String) verified.read("$.data.verifyEmail.customer.email")).isEqualTo(a.email());
        assertThat((Boolean) gql(ME, Map.of(), a.accessToken()).read("$.data.me.emailVerified")).isTrue();
        awaitCustomerEvent(a.id(), e -> e.payload() instanceof CustomerEvent.EmailVerified v && v.email().equals(a.email()));

        DocumentContext again = gql(VERIFY, Map.of("t", tokenOf(mail.link())));
        assertThat((List<String>) again.read("$.data.verifyEmail.userErrors[*].code")).containsExactly("TOKEN_USED");
        assertThat((List<String>) again.read("$.data.verifyEmail.userErrors[0].field")).containsExactly("input", "token");
        assertThat((List<String>) gql("mutation { resendVerificationEmail { userErrors { code } } }", Map.of(), a.accessToken())
                .read("$.data.resendVerificationEmail.userErrors[*].code")).containsExactly("ALREADY_VERIFIED");
    }

    @Test
    void malformedForeignAndExpiredVerificationTokensAreUserErrors() {
        Account a = signUp("badtoken");
        String token = tokenOf(email(a.id(), AccountEmailKind.VERIFY_EMAIL).link());
        for (String bad : List.of("", "garbage", a.id() + ".wrong-secret", "no-such-account." + token.substring(token.indexOf('.') + 1), "x".repeat(300))) {
            assertThat((List<String>) gql(VERIFY, Map.of("t", bad)).read("$.data.verifyEmail.userErrors[*].code")).as(bad).containsExactly("INVALID_TOKEN");
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(a.id())),
                new Update().set("verification.expiresAt", Date.from(java.time.Instant.now().minusSeconds(1))), "customers");
        assertThat((List<String>) gql(VERIFY, Map.of("t", token)).read("$.data.verifyEmail.userErrors[*].code")).containsExactly("TOKEN_EXPIRED");
        assertThat((Boolean) gql(ME, Map.of(), a.accessToken()).read("$.data.me.emailVerified")).isFalse();
    }

    @Test
    void aVerificationEmailIsResentAtMostOnceAMinuteAndTheNewLinkReplacesTheOld() {
        Account a = signUp("resend");
        String first = tokenOf(email(a.id(), AccountEmailKind.VERIFY_EMAIL).link());
        String resend = "mutation { resendVerificationEmail { userErrors { code } } }";
        assertThat((List<String>) gql(resend, Map.of(), a.accessToken()).read("$.data.resendVerificationEmail.userErrors[*].code"))
                .containsExactly("TOO_MANY_REQUESTS");
        mongo.updateFirst(Query.query(Criteria.where("_id").is(a.id())),
                new Update().set("verificationSentAt", Date.from(java.time.Instant.now().minus(Duration.ofMinutes(2)))), "customers");
        assertThat((List<?>) gql(resend, Map.of(), a.accessToken()).read("$.data.resendVerificationEmail.userErrors")).isEmpty();
        String second = tokenOf(((CustomerEvent.AccountEmailRequested) awaitCustomerEvent(a.id(), e -> e.payload() instanceof CustomerEvent.AccountEmailRequested r
                && r.kind() == AccountEmailKind.VERIFY_EMAIL && !tokenOf(r.link()).equals(first)).payload()).link());
        assertThat((List<String>) gql(VERIFY, Map.of("t", first)).read("$.data.verifyEmail.userErrors[*].code")).containsExactly("INVALID_TOKEN");
        assertThat((Boolean) gql(VERIFY, Map.of("t", second)).read("$.data.verifyEmail.customer.emailVerified")).isTrue();
    }

    @Test
    void changingThePasswordNeedsTheOldOneAndEndsEveryOtherSession() {
        Account a = signUp("chpw");
        DocumentContext other = signIn(a.email(), PASSWORD, "192.0.2.41");
        String otherAccess = other.read("$.data.signIn.session.accessToken");
        String otherRefresh = other.read("$.data.signIn.session.refreshToken");

        DocumentContext wrong = gql(CHANGE_PASSWORD, Map.of("i", Map.of("currentPassword", "not-it-at-all", "newPassword", NEW_PASSWORD)), a.accessToken());
        assertThat((List<String>) wrong.read("$.data.changePassword.userErrors[*].code")).containsExactly("WRONG_PASSWORD");
        assertThat((List<String>) wrong.read("$.data.changePassword.userErrors[0].field")).containsExactly("input", "currentPassword");
        assertThat((List<String>) gql(CHANGE_PASSWORD, Map.of("i", Map.of("currentPassword", PASSWORD, "newPassword", "short")), a.accessToken())
                .read("$.data.changePassword.userErrors[*].code")).containsExactly("PASSWORD_TOO_SHORT");
        assertThat((List<String>) gql(CHANGE_PASSWORD, Map.of("i", Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD)), a.accessToken())
                .read("$.data.changePassword.userErrors[*].code")).containsExactly("SAME_PASSWORD");

        DocumentContext changed = gql(CHANGE_PASSWORD, Map.of("i", Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)), a.accessToken());
        assertThat((List<?>) changed.read("$.data.changePassword.userErrors")).isEmpty();
        email(a.id(), AccountEmailKind.PASSWORD_CHANGED);
        // the other session is over, its access token too; this one goes on
        assertThat((List<String>) gql("mutation($t: String!) { refreshSession(refreshToken: $t) { userErrors { code } } }", Map.of("t", otherRefresh))
                .read("$.data.refreshSession.userErrors[*].code")).containsExactly("REFRESH_TOKEN_REVOKED");
        await().atMost(Duration.ofSeconds(10)).until(() -> codes(gql(ME, Map.of(), otherAccess)).contains("UNAUTHENTICATED"));
        assertThat((String) gql(ME, Map.of(), a.accessToken()).read("$.data.me.id")).isEqualTo(a.id());
        assertThat((String) signIn(a.email(), NEW_PASSWORD, "192.0.2.42").read("$.data.signIn.customer.id")).isEqualTo(a.id());
        assertThat((List<String>) signIn(a.email(), PASSWORD, "192.0.2.43").read("$.data.signIn.userErrors[*].code")).containsExactly("INVALID_CREDENTIALS");
    }

    @Test
    void aForgottenPasswordIsResetOnceWithTheEmailedLinkWhichEndsEverySession() {
        Account a = signUp("reset");
        assertThat((List<String>) gql(REQUEST_RESET, Map.of("e", "not an email")).read("$.data.requestPasswordReset.userErrors[*].code"))
                .containsExactly("INVALID_EMAIL");
        // an unknown address gets the same answer and no email
        assertThat((List<?>) gql(REQUEST_RESET, Map.of("e", "nobody." + a.id() + "@example.com")).read("$.data.requestPasswordReset.userErrors")).isEmpty();
        assertThat((List<?>) gql(REQUEST_RESET, Map.of("e", a.email().toUpperCase())).read("$.data.requestPasswordReset.userErrors")).isEmpty();
        CustomerEvent.AccountEmailRequested mail = email(a.id(), AccountEmailKind.PASSWORD_RESET);
        assertThat(mail.link()).startsWith("http://localhost:4080/reset-password?token=");
        String token = tokenOf(mail.link());

        assertThat((List<String>) gql(RESET, Map.of("i", Map.of("token", token, "newPassword", "short"))).read("$.data.resetPassword.userErrors[*].code"))
                .containsExactly("PASSWORD_TOO_SHORT");
        DocumentContext reset = gql(RESET, Map.of("i", Map.of("token", token, "newPassword", NEW_PASSWORD)));
        assertThat((String) reset.read("$.data.resetPassword.customer.id")).isEqualTo(a.id());
        String fresh = reset.read("$.data.resetPassword.session.accessToken");
        assertThat((List<String>) gql(RESET, Map.of("i", Map.of("token", token, "newPassword", "yet-another-9"))).read("$.data.resetPassword.userErrors[*].code"))
                .containsExactly("TOKEN_USED");
        await().atMost(Duration.ofSeconds(10)).until(() -> codes(gql(ME, Map.of(), a.accessToken())).contains("UNAUTHENTICATED"));
        assertThat((List<String>) gql("mutation($t: String!) { refreshSession(refreshToken: $t) { userErrors { code } } }", Map.of("t", a.refreshToken()))
                .read("$.data.refreshSession.userErrors[*].code")).containsExactly("REFRESH_TOKEN_REVOKED");
        // the reset proved the inbox
        assertThat((Boolean) gql(ME, Map.of(), fresh).read("$.data.me.emailVerified")).isTrue();
        assertThat((String) signIn(a.email(), NEW_PASSWORD, "192.0.2.44").read("$.data.signIn.customer.id")).isEqualTo(a.id());
    }

    @Test
    void anExpiredResetLinkIsRefused() {
        Account a = signUp("resetexp");
        gql(REQUEST_RESET, Map.of("e", a.email()));
        String token = tokenOf(email(a.id(), AccountEmailKind.PASSWORD_RESET).link());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(a.id())),
                new Update().set("passwordReset.expiresAt", Date.from(java.time.Instant.now().minusSeconds(1))), "customers");
        assertThat((List<String>) gql(RESET, Map.of("i", Map.of("token", token, "newPassword", NEW_PASSWORD))).read("$.data.resetPassword.userErrors[*].code"))
                .containsExactly("TOKEN_EXPIRED");
        assertThat((String) signIn(a.email(), PASSWORD, "192.0.2.45").read("$.data.signIn.customer.id")).isEqualTo(a.id());
    }

    @Test
    void aChangeOfEmailTakesEffectWhenTheNewAddressIsConfirmedAndTheOldOneIsTold() {
        Account a = signUp("move");
        Account taken = signUp("taken");
        String newEmail = uniqueEmail("moved");
        assertThat((List<String>) gql(CHANGE_EMAIL, Map.of("i", Map.of("newEmail", "bad@", "currentPassword", PASSWORD)), a.accessToken())
                .read("$.data.changeEmail.userErrors[*].code")).containsExactly("INVALID_EMAIL");
        assertThat((List<String>) gql(CHANGE_EMAIL, Map.of("i", Map.of("newEmail", taken.email(), "currentPassword", PASSWORD)), a.accessToken())
                .read("$.data.changeEmail.userErrors[*].code")).containsExactly("EMAIL_TAKEN");
        assertThat((List<String>) gql(CHANGE_EMAIL, Map.of("i", Map.of("newEmail", newEmail, "currentPassword", "wrong-password")), a.accessToken())
                .read("$.data.changeEmail.userErrors[*].code")).containsExactly("WRONG_PASSWORD");
        assertThat((List<String>) gql(CHANGE_EMAIL, Map.of("i", Map.of("newEmail", a.email(), "currentPassword", PASSWORD)), a.accessToken())
                .read("$.data.changeEmail.userErrors[*].code")).containsExactly("SAME_EMAIL");
        // the sign-up's verification email went out moments ago
        mongo.updateFirst(Query.query(Criteria.where("_id").is(a.id())),
                new Update().set("verificationSentAt", Date.from(java.time.Instant.now().minus(Duration.ofMinutes(2)))), "customers");

        DocumentContext started = gql(CHANGE_EMAIL, Map.of("i", Map.of("newEmail", newEmail, "currentPassword", PASSWORD)), a.accessToken());
        assertThat((String) started.read("$.data.changeEmail.customer.email")).isEqualTo(a.email());
        assertThat((String) started.read("$.data.changeEmail.customer.pendingEmail")).isEqualTo(newEmail);
        CustomerEvent.AccountEmailRequested confirm = email(a.id(), AccountEmailKind.CONFIRM_NEW_EMAIL);
        assertThat(confirm.to()).isEqualTo(newEmail);

        DocumentContext verified = gql(VERIFY, Map.of("t", tokenOf(confirm.link())));
        assertThat((String) verified.read("$.data.verifyEmail.customer.email")).isEqualTo(newEmail);
        assertThat(email(a.id(), AccountEmailKind.EMAIL_CHANGED).to()).isEqualTo(a.email());
        awaitCustomerEvent(a.id(), e -> e.payload() instanceof CustomerEvent.EmailVerified v && v.email().equals(newEmail));
        assertThat((String) signIn(newEmail, PASSWORD, "192.0.2.46").read("$.data.signIn.customer.id")).isEqualTo(a.id());
        assertThat((List<String>) signIn(a.email(), PASSWORD, "192.0.2.47").read("$.data.signIn.userErrors[*].code")).containsExactly("INVALID_CREDENTIALS");
        // the old address is free again
        assertThat(mongo.findById(a.email().toLowerCase(), Document.class, "emails")).isNull();
        DocumentContext reuse = gql("mutation($i: SignUpInput!) { signUp(input: $i) { customer { id } userErrors { code } } }",
                Map.of("i", Map.of("email", a.email(), "password", PASSWORD, "name", "Next")));
        assertThat((String) reuse.read("$.data.signUp.customer.id")).isNotEqualTo(a.id());
    }
}
