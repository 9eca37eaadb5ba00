package com.shopbff.customer;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.CustomerEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsTest extends CustomerIntegrationTest {
    private static final String SIGN_UP = "mutation($i: SignUpInput!) { signUp(input: $i) { " + SESSION + " } }";
    private static final String SIGN_IN = "mutation($i: SignInInput!) { signIn(input: $i) { " + SESSION + " } }";

    private DocumentContext signIn(String email, String password, String clientAddress) {
        return gql(SIGN_IN, Map.of("i", Map.of("email", email, "password", password)), null, Map.of("X-Forwarded-For", clientAddress + ", 10.0.0.1"));
    }

    private static String someClient() {
        var r = java.util.concurrent.ThreadLocalRandom.current();
        return "203.0." + r.nextInt(256) + "." + r.nextInt(256);
    }

    @Test
    void signUpOpensASessionAndMeReturnsTheCustomer() {
        String email = uniqueEmail("ann");
        DocumentContext r = gql(SIGN_UP, Map.of("i", Map.of("email", email, "password", PASSWORD, "name", "Ann")));
        assertThat((String) r.read("$.data.signUp.customer.role")).isEqualTo("CUSTOMER");
        assertThat((String) r.read("$.data.signUp.customer.email")).isEqualTo(email);
        assertThat((List<?>) r.read("$.data.signUp.userErrors")).isEmpty();
        String id = r.read("$.data.signUp.customer.id");
        DocumentContext me = gql("{ me { id email name role phone addresses { id } createdAt } }", Map.of(), r.read("$.data.signUp.session.accessToken"));
        assertThat((String) me.read("$.data.me.id")).isEqualTo(id);
        assertThat((String) me.read("$.data.me.name")).isEqualTo("Ann");
        assertThat((String) me.read("$.data.me.createdAt")).isNotBlank();

        CustomerEvent.CustomerRegistered registered = (CustomerEvent.CustomerRegistered) awaitCustomerEvent(id,
                e -> e.payload() instanceof CustomerEvent.CustomerRegistered).payload();
        assertThat(registered.email()).isEqualTo(email);
        assertThat(registered.name()).isEqualTo("Ann");
    }

    @Test
    void anonymousMeIsNull() {
        DocumentContext r = gql("{ me { id } }");
        assertThat((Object) r.read("$.data.me")).isNull();
        assertThat(r.jsonString()).doesNotContain("\"errors\"");
    }

    @Test
    void signingUpTwiceWithOneEmailInAnyCaseIsRefused() {
        Account first = signUp("dup");
        DocumentContext r = gql(SIGN_UP, Map.of("i", Map.of("email", "  " + first.email().toUpperCase() + " ", "password", "another-pass-1", "name", "Again")));
        assertThat((Object) r.read("$.data.signUp.session")).isNull();
        assertThat((List<String>) r.read("$.data.signUp.userErrors[*].code")).containsExactly("EMAIL_TAKEN");
        assertThat((List<String>) r.read("$.data.signUp.userErrors[0].field")).containsExactly("input", "email");
        // The first account keeps its password.
        assertThat((Object) signIn(first.email(), PASSWORD, someClient()).read("$.data.signIn.session.accessToken")).isNotNull();
    }

    @Test
    void badSignUpInputGivesOneUserErrorPerFieldAndCreatesNothing() {
        String email = uniqueEmail("bad");
        DocumentContext r = gql(SIGN_UP, Map.of("i", Map.of("email", "not-an-email", "password", "short", "name", " ")));
        assertThat((List<String>) r.read("$.data.signUp.userErrors[*].code")).containsExactlyInAnyOrder("INVALID_EMAIL", "PASSWORD_TOO_SHORT", "NAME_REQUIRED");
        assertThat((List<List<String>>) r.read("$.data.signUp.userErrors[*].field"))
                .containsExactlyInAnyOrder(List.of("input", "email"), List.of("input", "password"), List.of("input", "name"));
        DocumentContext shortPassword = gql(SIGN_UP, Map.of("i", Map.of("email", email, "password", "1234567", "name", "Bea")));
        assertThat((List<String>) shortPassword.read("$.data.signUp.userErrors[*].code")).containsExactly("PASSWORD_TOO_SHORT");
        DocumentContext tooLong = gql(SIGN_UP, Map.of("i", Map.of("email", email, "password", "x".repeat(73), "name", "Bea")));
        assertThat((List<String>) tooLong.read("$.data.signUp.userErrors[*].code")).containsExactly("PASSWORD_TOO_LONG");
        // Nothing was created: the email is still free.
        DocumentContext ok = gql(SIGN_UP, Map.of("i", Map.of("email", email, "password", "12345678", "name", "Bea")));
        assertThat((List<?>) ok.read("$.data.signUp.userErrors")).isEmpty();
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailAreRefusedAlike() {
        Account a = signUp("wrong");
        DocumentContext wrong = signIn(a.email(), "wrong-password", someClient());
        DocumentContext unknown = signIn(uniqueEmail("nobody"), "wrong-password", someClient());
        assertThat((Object) wrong.read("$.data.signIn.session")).isNull();
        assertThat((Object) unknown.read("$.data.signIn.session")).isNull();
        assertThat((Object) wrong.read("$.data.signIn.userErrors")).isEqualTo(unknown.read("$.data.signIn.userErrors"));
        assertThat((String) wrong.read("$.data.signIn.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
        // Email case does not matter for signing in.
        assertThat((Object) signIn(a.email().toUpperCase(), PASSWORD, someClient()).read("$.data.signIn.session.accessToken")).isNotNull();
    }

    @Test
    void tenFailedSignInsInARowLockTheEmailEvenForTheRightPassword() {
        Account a = signUp("locked");
        String unknown = uniqueEmail("ghost");
        for (int i = 0; i < 10; i++) {
            assertThat((String) signIn(a.email(), "wrong-" + i, someClient()).read("$.data.signIn.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
            signIn(unknown, "wrong-" + i, someClient());
        }
        DocumentContext locked = signIn(a.email(), PASSWORD, someClient());
        assertThat((Object) locked.read("$.data.signIn.session")).isNull();
        assertThat((String) locked.read("$.data.signIn.userErrors[0].code")).isEqualTo("TOO_MANY_ATTEMPTS");
        // An email without an account locks the same way, so the lock tells nothing about existence.
        DocumentContext ghost = signIn(unknown, PASSWORD, someClient());
        assertThat((Object) ghost.read("$.data.signIn.userErrors")).isEqualTo(locked.read("$.data.signIn.userErrors"));
    }

    @Test
    void nineFailuresThenASuccessDoNotLock() {
        Account a = signUp("nine");
        for (int i = 0; i < 9; i++) signIn(a.email(), "wrong-" + i, someClient());
        assertThat((Object) signIn(a.email(), PASSWORD, someClient()).read("$.data.signIn.session.accessToken")).isNotNull();
        for (int i = 0; i < 9; i++) signIn(a.email(), "wrong-" + i, someClient());
        assertThat((Object) signIn(a.email(), PASSWORD, someClient()).read("$.data.signIn.session.accessToken")).isNotNull();
    }

    @Test
    void oneClientAddressGetsAtMostOneHundredFailedSignInsPer15Minutes() {
        Account a = signUp("victim");
        String client = "198.51.100." + (int) (Math.random() * 250);
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat((String) signIn(uniqueEmail("spray"), "guess-" + i, client).read("$.data.signIn.userErrors[0].code"))
                    .isEqualTo("INVALID_CREDENTIALS");
        }
        // A figure, not an assertion: the cost of one refused sign-in (bcrypt 10 on a dummy hash) over HTTP.
        System.out.printf("figure: 100 failed sign-ins took %d ms (%.1f ms each)%n", (System.nanoTime() - started) / 1_000_000,
                (System.nanoTime() - started) / 1e8);
        DocumentContext blocked = signIn(a.email(), PASSWORD, client);
        assertThat((Object) blocked.read("$.data.signIn.session")).isNull();
        assertThat((String) blocked.read("$.data.signIn.userErrors[0].code")).isEqualTo("TOO_MANY_ATTEMPTS");
        // Another address is not affected.
        assertThat((Object) signIn(a.email(), PASSWORD, someClient()).read("$.data.signIn.session.accessToken")).isNotNull();
    }

    @Test
    void theAdministratorFromConfigurationSignsInWithRoleAdmin() {
        long started = System.nanoTime();
        DocumentContext r = signIn(ADMIN_EMAIL, ADMIN_PASSWORD, someClient());
        System.out.printf("figure: one successful password sign-in took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat((String) r.read("$.data.signIn.customer.role")).isEqualTo("ADMIN");
    }

    @Test
    void profileUpdatesNameAndPhoneAndRefusesBadValues() {
        Account a = signUp("prof");
        String update = "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { customer { name phone } userErrors { code field } } }";
        DocumentContext ok = gql(update, Map.of("i", Map.of("name", "Prof X", "phone", "+44 20 7946 0958")), a.accessToken());
        assertThat((String) ok.read("$.data.updateProfile.customer.name")).isEqualTo("Prof X");
        assertThat((String) ok.read("$.data.updateProfile.customer.phone")).isEqualTo("+44 20 7946 0958");
        DocumentContext bad = gql(update, Map.of("i", Map.of("name", "", "phone", "call me")), a.accessToken());
        assertThat((Object) bad.read("$.data.updateProfile.customer")).isNull();
        assertThat((List<String>) bad.read("$.data.updateProfile.userErrors[*].code")).containsExactlyInAnyOrder("NAME_REQUIRED", "INVALID_PHONE");
        DocumentContext me = gql("{ me { name phone } }", Map.of(), a.accessToken());
        assertThat((String) me.read("$.data.me.name")).isEqualTo("Prof X");
        assertThat((String) me.read("$.data.me.phone")).isEqualTo("+44 20 7946 0958");
    }

    @Test
    void addressesAreAddedAndRemovedAndAnnouncedAsTheWholeBook() {
        Account a = signUp("addr");
        String add = "mutation($i: AddressInput!) { addAddress(input: $i) { customer { addresses { id address { line1 line2 city postalCode country } } } userErrors { code field } } }";
        DocumentContext first = gql(add, Map.of("i", Map.of("line1", "1 Tea Street", "city", "Leeds", "postalCode", "LS1 1AA", "country", "gb")), a.accessToken());
        DocumentContext second = gql(add, Map.of("i", Map.of("line1", "2 Coffee Road", "line2", "Flat 3", "city", "York", "postalCode", "YO1 7HH", "country", "GB")), a.accessToken());
        List<String> ids = second.read("$.data.addAddress.customer.addresses[*].id");
        assertThat(ids).hasSize(2);
        assertThat((String) first.read("$.data.addAddress.customer.addresses[0].address.country")).isEqualTo("GB");
        DocumentContext bad = gql(add, Map.of("i", Map.of("line1", " ", "city", "York", "postalCode", "YO1", "country", "Britain")), a.accessToken());
        assertThat((List<List<String>>) bad.read("$.data.addAddress.userErrors[*].field"))
                .containsExactlyInAnyOrder(List.of("input", "line1"), List.of("input", "country"));

        String remove = "mutation($id: ID!) { removeAddress(id: $id) { customer { addresses { id } } userErrors { code field } } }";
        DocumentContext removed = gql(remove, Map.of("id", ids.get(0)), a.accessToken());
        assertThat((List<String>) removed.read("$.data.removeAddress.customer.addresses[*].id")).containsExactly(ids.get(1));
        DocumentContext missing = gql(remove, Map.of("id", ids.get(0)), a.accessToken());
        assertThat((List<String>) missing.read("$.data.removeAddress.userErrors[*].code")).containsExactly("ADDRESS_NOT_FOUND");

        CustomerEvent.AddressBookChanged last = (CustomerEvent.AddressBookChanged) awaitCustomerEvent(a.id(),
                e -> e.payload() instanceof CustomerEvent.AddressBookChanged c && c.addresses().size() == 1
                        && c.addresses().get(0).id().equals(ids.get(1))).payload();
        assertThat(last.addresses().get(0).line2()).isEqualTo("Flat 3");
    }

    @Test
    void theAdminListsAndSearchesCustomersPageByPage() {
        String tag = "zq" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) signUp(tag + i);
        String admin = adminToken();
        String list = "query($f: Int, $a: String, $s: String) { customers(first: $f, after: $a, search: $s) { totalCount edges { cursor node { id email name } } pageInfo { hasNextPage endCursor } } }";
        DocumentContext p1 = gql(list, Map.of("f", 2, "s", tag.toUpperCase()), admin);
        assertThat((Integer) p1.read("$.data.customers.totalCount")).isEqualTo(3);
        assertThat((List<?>) p1.read("$.data.customers.edges")).hasSize(2);
        assertThat((Boolean) p1.read("$.data.customers.pageInfo.hasNextPage")).isTrue();
        DocumentContext p2 = gql(list, Map.of("f", 2, "s", tag, "a", p1.read("$.data.customers.pageInfo.endCursor")), admin);
        assertThat((List<?>) p2.read("$.data.customers.edges")).hasSize(1);
        assertThat((Boolean) p2.read("$.data.customers.pageInfo.hasNextPage")).isFalse();
        assertThat((List<String>) p2.read("$.data.customers.edges[*].node.name")).allMatch(n -> n.startsWith(tag));
        DocumentContext tooMany = gql(list, Map.of("f", 101), admin);
        assertThat(codes(tooMany)).containsExactly("BAD_USER_INPUT");
    }
}
