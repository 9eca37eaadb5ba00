package com.shopbff.customer;

import com.jayway.jsonpath.DocumentContext;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every query and mutation of the customer subgraph as anonymous, customer A, customer B and admin, and checks
 * the outcome of each: public fields work for all, private ones answer UNAUTHENTICATED to anonymous callers, admin
 * fields FORBIDDEN to customers, and a customer only ever reads or changes their own account.
 */
class AuthorizationMatrixTest extends CustomerIntegrationTest {

    enum Who { ANONYMOUS, A, B, ADMIN }

    /** What one caller must get from one operation. */
    interface Expect extends Function<DocumentContext, String> {}

    static Expect error(String code, String field) {
        return r -> {
            Map<?, ?> data = r.json() instanceof Map<?, ?> m && m.get("data") instanceof Map<?, ?> d ? d : Map.of();
            return codes(r).contains(code) && data.get(field) == null ? null : "expected " + code + " and no data, got " + r.jsonString();
        };
    }

    static Expect equalsAt(String path, Object expected) {
        return r -> {
            if (!codes(r).isEmpty()) return "unexpected errors " + r.jsonString();
            Object actual = r.read(path);
            return expected == null ? (actual == null ? null : path + " should be null: " + r.jsonString())
                    : expected.equals(actual) ? null : path + " should be " + expected + ": " + r.jsonString();
        };
    }

    static Expect userError(String payload, String code) {
        return r -> {
            if (!codes(r).isEmpty()) return "unexpected errors " + r.jsonString();
            List<String> got = r.read("$.data." + payload + ".userErrors[*].code");
            return got.contains(code) ? null : "expected user error " + code + ": " + r.jsonString();
        };
    }

    static Expect noUserErrors(String payload) {
        return r -> codes(r).isEmpty() && ((List<?>) r.read("$.data." + payload + ".userErrors")).isEmpty() ? null : "expected success: " + r.jsonString();
    }

    record Case(String field, String document, Map<String, Object> variables, Map<Who, Expect> expect) {}

    @Test
    void everyOperationAnswersEachCallerAsExpected() {
        Account a = signUp("matrix-a");
        Account b = signUp("matrix-b");
        String admin = adminToken();
        String adminId = readOrFail(gql("{ me { id } }", Map.of(), admin), "$.data.me.id");
        Map<Who, String> tokens = new LinkedHashMap<>();
        tokens.put(Who.ANONYMOUS, null);
        tokens.put(Who.A, a.accessToken());
        tokens.put(Who.B, b.accessToken());
        tokens.put(Who.ADMIN, admin);
        String aAddress = readOrFail(gql("mutation($i: AddressInput!) { addAddress(input: $i) { customer { addresses { id } } } }",
                Map.of("i", Map.of("line1", "1 A Street", "city", "Leeds", "postalCode", "LS1", "country", "GB")), a.accessToken()),
                "$.data.addAddress.customer.addresses[0].id");
        Map<String, Object> address = Map.of("line1", "9 Any Road", "city", "York", "postalCode", "YO1", "country", "GB");
        String aExport = readOrFail(gql("mutation { exportMyData { export { id } userErrors { code } } }", Map.of(), a.accessToken()),
                "$.data.exportMyData.export.id");

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("me", "{ me { id email } }", Map.of(), Map.of(
                Who.ANONYMOUS, equalsAt("$.data.me", null), Who.A, equalsAt("$.data.me.id", a.id()),
                Who.B, equalsAt("$.data.me.id", b.id()), Who.ADMIN, equalsAt("$.data.me.id", adminId))));
        cases.add(new Case("customer", "query($id: ID!) { customer(id: $id) { id email } }", Map.of("id", a.id()), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "customer"), Who.A, error("FORBIDDEN", "customer"),
                Who.B, error("FORBIDDEN", "customer"), Who.ADMIN, equalsAt("$.data.customer.email", a.email()))));
        cases.add(new Case("customers", "{ customers(first: 1) { totalCount } }", Map.of(), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "customers"), Who.A, error("FORBIDDEN", "customers"),
                Who.B, error("FORBIDDEN", "customers"), Who.ADMIN, r -> codes(r).isEmpty() && (Integer) r.read("$.data.customers.totalCount") >= 3 ? null : r.jsonString())));
        cases.add(new Case("signInProviders", "{ signInProviders { id } }", Map.of(), allSame(equalsAt("$.data.signInProviders.length()", 2))));
        cases.add(new Case("_entities", "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id email } } }",
                Map.of("r", List.of(Map.of("__typename", "Customer", "id", a.id()))), Map.of(
                Who.ANONYMOUS, equalsAt("$.data._entities[0]", null), Who.A, equalsAt("$.data._entities[0].email", a.email()),
                Who.B, equalsAt("$.data._entities[0]", null), Who.ADMIN, equalsAt("$.data._entities[0].email", a.email()))));
        cases.add(new Case("myDataExports", "{ myDataExports { id customerId } }", Map.of(), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "myDataExports"), Who.A, equalsAt("$.data.myDataExports[0].id", aExport),
                Who.B, equalsAt("$.data.myDataExports.length()", 0), Who.ADMIN, equalsAt("$.data.myDataExports.length()", 0))));
        cases.add(new Case("dataExport", "query($id: ID!) { dataExport(id: $id) { id status } }", Map.of("id", aExport), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "dataExport"), Who.A, equalsAt("$.data.dataExport.id", aExport),
                Who.B, equalsAt("$.data.dataExport", null), Who.ADMIN, equalsAt("$.data.dataExport.id", aExport))));
        cases.add(new Case("privacyRequests", "{ privacyRequests(first: 1) { totalCount } }", Map.of(), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "privacyRequests"), Who.A, error("FORBIDDEN", "privacyRequests"),
                Who.B, error("FORBIDDEN", "privacyRequests"),
                Who.ADMIN, r -> codes(r).isEmpty() && (Integer) r.read("$.data.privacyRequests.totalCount") >= 1 ? null : r.jsonString())));
        cases.add(new Case("_service", "{ _service { sdl } }", Map.of(), allSame(r -> codes(r).isEmpty() && r.read("$.data._service.sdl") != null ? null : r.jsonString())));

        // Public mutations: the credential is in the input, so every caller gets the same answer.
        cases.add(new Case("signUp", "mutation($i: SignUpInput!) { signUp(input: $i) { session { accessToken } userErrors { code } } }",
                Map.of("i", Map.of("email", a.email(), "password", PASSWORD, "name", "x")), allSame(userError("signUp", "EMAIL_TAKEN"))));
        cases.add(new Case("signIn", "mutation($i: SignInInput!) { signIn(input: $i) { session { accessToken } userErrors { code } } }",
                Map.of("i", Map.of("email", b.email(), "password", PASSWORD)), allSame(noUserErrors("signIn"))));
        cases.add(new Case("startProviderSignIn", "mutation($i: StartProviderSignInInput!) { startProviderSignIn(input: $i) { state userErrors { code } } }",
                Map.of("i", Map.of("provider", "mock", "redirectUri", "https://shop.example/cb")), allSame(noUserErrors("startProviderSignIn"))));
        cases.add(new Case("signInWithProvider", "mutation($i: ProviderSignInInput!) { signInWithProvider(input: $i) { session { accessToken } userErrors { code } } }",
                Map.of("i", Map.of("provider", "mock", "code", "c", "state", "unknown", "redirectUri", "https://shop.example/cb")),
                allSame(userError("signInWithProvider", "INVALID_STATE"))));
        cases.add(new Case("refreshSession", "mutation($t: String!) { refreshSession(refreshToken: $t) { session { accessToken } userErrors { code } } }",
                Map.of("t", "unknown.token"), allSame(userError("refreshSession", "INVALID_REFRESH_TOKEN"))));
        cases.add(new Case("signOut", "mutation($t: String!) { signOut(refreshToken: $t) { userErrors { code } } }",
                Map.of("t", "unknown.token"), allSame(userError("signOut", "INVALID_REFRESH_TOKEN"))));

        cases.add(new Case("requestPasswordReset", "mutation($i: RequestPasswordResetInput!) { requestPasswordReset(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("email", "nobody." + a.id() + "@example.com")), allSame(noUserErrors("requestPasswordReset"))));
        cases.add(new Case("resetPassword", "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { session { accessToken } userErrors { code } } }",
                Map.of("i", Map.of("token", a.id() + ".not-a-token", "newPassword", "another-pass-1")), allSame(userError("resetPassword", "INVALID_TOKEN"))));
        cases.add(new Case("verifyEmail", "mutation($i: VerifyEmailInput!) { verifyEmail(input: $i) { customer { id } userErrors { code } } }",
                Map.of("i", Map.of("token", b.id() + ".not-a-token")), allSame(userError("verifyEmail", "INVALID_TOKEN"))));

        // Private mutations act on the caller's own account only: there is no way to name another one.
        cases.add(new Case("changePassword", "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { customer { id } userErrors { code } } }",
                Map.of("i", Map.of("currentPassword", "not-the-password", "newPassword", "another-pass-1")), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "changePassword"), Who.A, userError("changePassword", "WRONG_PASSWORD"),
                Who.B, userError("changePassword", "WRONG_PASSWORD"), Who.ADMIN, userError("changePassword", "WRONG_PASSWORD"))));
        cases.add(new Case("changeEmail", "mutation($i: ChangeEmailInput!) { changeEmail(input: $i) { customer { id } userErrors { code } } }",
                Map.of("i", Map.of("newEmail", "new." + a.id() + "@example.com", "currentPassword", "not-the-password")), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "changeEmail"), Who.A, userError("changeEmail", "WRONG_PASSWORD"),
                Who.B, userError("changeEmail", "WRONG_PASSWORD"), Who.ADMIN, userError("changeEmail", "WRONG_PASSWORD"))));
        cases.add(new Case("startProviderLink", "mutation($i: StartProviderSignInInput!) { startProviderLink(input: $i) { state userErrors { code } } }",
                Map.of("i", Map.of("provider", "mock", "redirectUri", "https://shop.example/cb")), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "startProviderLink"), Who.A, noUserErrors("startProviderLink"),
                Who.B, noUserErrors("startProviderLink"), Who.ADMIN, noUserErrors("startProviderLink"))));
        cases.add(new Case("linkProvider", "mutation($i: ProviderSignInInput!) { linkProvider(input: $i) { customer { id } userErrors { code } } }",
                Map.of("i", Map.of("provider", "mock", "code", "c", "state", "unknown", "redirectUri", "https://shop.example/cb")), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "linkProvider"), Who.A, userError("linkProvider", "INVALID_STATE"),
                Who.B, userError("linkProvider", "INVALID_STATE"), Who.ADMIN, userError("linkProvider", "INVALID_STATE"))));
        cases.add(new Case("unlinkProvider", "mutation { unlinkProvider(provider: \"mock\") { customer { id } userErrors { code } } }", Map.of(), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "unlinkProvider"), Who.A, userError("unlinkProvider", "NOT_LINKED"),
                Who.B, userError("unlinkProvider", "NOT_LINKED"), Who.ADMIN, userError("unlinkProvider", "NOT_LINKED"))));
        // the sign-up emails went out moments ago; the administrator's address needs no verification
        cases.add(new Case("resendVerificationEmail", "mutation { resendVerificationEmail { userErrors { code } } }", Map.of(), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "resendVerificationEmail"), Who.A, userError("resendVerificationEmail", "TOO_MANY_REQUESTS"),
                Who.B, userError("resendVerificationEmail", "TOO_MANY_REQUESTS"), Who.ADMIN, userError("resendVerificationEmail", "ALREADY_VERIFIED"))));
        // A asked for one above: a second waits for it; B's is B's own
        cases.add(new Case("exportMyData", "mutation { exportMyData { export { id customerId } userErrors { code } } }", Map.of(), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "exportMyData"), Who.A, userError("exportMyData", "EXPORT_IN_PROGRESS"),
                Who.B, equalsAt("$.data.exportMyData.export.customerId", b.id()), Who.ADMIN, equalsAt("$.data.exportMyData.export.customerId", adminId))));
        cases.add(new Case("updateProfile", "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { customer { id } userErrors { code } } }",
                Map.of("i", Map.of("phone", "+44 1234 5678")), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "updateProfile"), Who.A, equalsAt("$.data.updateProfile.customer.id", a.id()),
                Who.B, equalsAt("$.data.updateProfile.customer.id", b.id()), Who.ADMIN, equalsAt("$.data.updateProfile.customer.id", adminId))));
        cases.add(new Case("addAddress", "mutation($i: AddressInput!) { addAddress(input: $i) { customer { id } userErrors { code } } }",
                Map.of("i", address), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "addAddress"), Who.A, equalsAt("$.data.addAddress.customer.id", a.id()),
                Who.B, equalsAt("$.data.addAddress.customer.id", b.id()), Who.ADMIN, equalsAt("$.data.addAddress.customer.id", adminId))));
        // B and the admin try A's address id; A goes last in this walk and removes it.
        cases.add(new Case("removeAddress", "mutation($id: ID!) { removeAddress(id: $id) { customer { id } userErrors { code } } }",
                Map.of("id", aAddress), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "removeAddress"), Who.B, userError("removeAddress", "ADDRESS_NOT_FOUND"),
                Who.ADMIN, userError("removeAddress", "ADDRESS_NOT_FOUND"), Who.A, noUserErrors("removeAddress"))));
        cases.add(new Case("deleteMyAccount", "mutation($p: String!) { deleteMyAccount(password: $p) { deletedCustomerId userErrors { code } } }",
                Map.of("p", PASSWORD), Map.of(
                Who.ANONYMOUS, error("UNAUTHENTICATED", "deleteMyAccount"), Who.ADMIN, userError("deleteMyAccount", "ADMIN_ACCOUNT"),
                Who.B, equalsAt("$.data.deleteMyAccount.deletedCustomerId", b.id()), Who.A, equalsAt("$.data.deleteMyAccount.deletedCustomerId", a.id()))));

        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases) {
            for (Who who : List.of(Who.ANONYMOUS, Who.B, Who.ADMIN, Who.A)) {
                Expect expect = c.expect().get(who);
                soft.assertThat(expect).as(c.field() + " has an expectation for " + who).isNotNull();
                if (expect == null) continue;
                DocumentContext response = gql(c.document(), c.variables(), tokens.get(who), Map.of("X-Forwarded-For", "192.0.2.50"));
                String failure;
                try {
                    failure = expect.apply(response);
                } catch (RuntimeException e) {
                    failure = e + " in " + response.jsonString();
                }
                soft.assertThat(failure).as(c.field() + " as " + who).isNull();
            }
        }
        // A's data was never changed by B or the admin.
        soft.assertAll();

        // The walk covers the whole schema: a new operation without a row here fails this test.
        Set<String> operations = new HashSet<>(readOrFail(gql("{ __type(name: \"Query\") { fields { name } } }"), "$.data.__type.fields[*].name"));
        operations.addAll(readOrFail(gql("{ __type(name: \"Mutation\") { fields { name } } }"), "$.data.__type.fields[*].name"));
        assertThat(cases.stream().map(Case::field).toList()).containsExactlyInAnyOrderElementsOf(operations);
    }

    private static <T> T readOrFail(DocumentContext response, String path) {
        try {
            return response.read(path);
        } catch (RuntimeException e) {
            throw new AssertionError(path + " not in " + response.jsonString(), e);
        }
    }

    private static Map<Who, Expect> allSame(Expect e) {
        return Map.of(Who.ANONYMOUS, e, Who.A, e, Who.B, e, Who.ADMIN, e);
    }
}
