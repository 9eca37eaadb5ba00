package com.shopbff.customer;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.CustomerEvent;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ErasureTest extends CustomerIntegrationTest {
    private static final String DELETE = "mutation($p: String!) { deleteMyAccount(password: $p) { deletedCustomerId userErrors { code field } } }";

    @Autowired
    MongoTemplate mongo;

    @Test
    void aWrongPasswordDeletesNothing() {
        Account a = signUp("keep");
        DocumentContext r = gql(DELETE, Map.of("p", "wrong-password"), a.accessToken());
        assertThat((Object) r.read("$.data.deleteMyAccount.deletedCustomerId")).isNull();
        assertThat((List<String>) r.read("$.data.deleteMyAccount.userErrors[*].code")).containsExactly("INVALID_PASSWORD");
        assertThat((String) gql("{ me { email } }", Map.of(), a.accessToken()).read("$.data.me.email")).isEqualTo(a.email());
    }

    @Test
    void deletingMyAccountErasesItAnnouncesCustomerDeletedAndFreesTheEmail() {
        Account a = signUp("erase");
        gql("mutation($i: AddressInput!) { addAddress(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("line1", "1 Gone Street", "city", "Leeds", "postalCode", "LS1", "country", "GB")), a.accessToken());
        DocumentContext r = gql(DELETE, Map.of("p", PASSWORD), a.accessToken());
        assertThat((String) r.read("$.data.deleteMyAccount.deletedCustomerId")).isEqualTo(a.id());
        assertThat((List<?>) r.read("$.data.deleteMyAccount.userErrors")).isEmpty();

        awaitCustomerEvent(a.id(), e -> e.payload() instanceof CustomerEvent.CustomerDeleted);
        // The access token is revoked (AccessRevocationTest); the refresh token and the password are gone.
        assertThat((Object) gql("{ me { id } }", Map.of(), a.accessToken()).read("$.data.me")).isNull();
        DocumentContext refresh = gql("mutation($t: String!) { refreshSession(refreshToken: $t) { session { accessToken } userErrors { code } } }",
                Map.of("t", a.refreshToken()));
        assertThat((Object) refresh.read("$.data.refreshSession.session")).isNull();
        DocumentContext signIn = gql("mutation($i: SignInInput!) { signIn(input: $i) { session { accessToken } userErrors { code } } }",
                Map.of("i", Map.of("email", a.email(), "password", PASSWORD)), null, Map.of("X-Forwarded-For", "192.0.2.99"));
        assertThat((String) signIn.read("$.data.signIn.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
        // Once the message is out, what is left of the account is a tombstone without personal data (so that old
        // orders still name an anonymised customer) and an empty outbox.
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.findById(a.id(), Document.class, "customers")
                .getList("outbox", Document.class, List.of()).isEmpty());
        Document tombstone = mongo.findById(a.id(), Document.class, "customers");
        assertThat(tombstone.getBoolean("deleted")).isTrue();
        assertThat(tombstone.keySet()).doesNotContain("email", "emailLower", "name", "phone", "addresses", "passwordHash", "providers");
        assertThat(mongo.findById(a.email().toLowerCase(), Document.class, "emails")).isNull();
        // The email can be used again, by a new account.
        DocumentContext again = gql("mutation($i: SignUpInput!) { signUp(input: $i) { customer { id } userErrors { code } } }",
                Map.of("i", Map.of("email", a.email(), "password", PASSWORD, "name", "Reborn")));
        assertThat((String) again.read("$.data.signUp.customer.id")).isNotEqualTo(a.id());
    }

    @Test
    void theAdministratorCannotDeleteTheirAccountThisWay() {
        DocumentContext r = gql(DELETE, Map.of("p", ADMIN_PASSWORD), adminToken());
        assertThat((List<String>) r.read("$.data.deleteMyAccount.userErrors[*].code")).containsExactly("ADMIN_ACCOUNT");
    }
}
