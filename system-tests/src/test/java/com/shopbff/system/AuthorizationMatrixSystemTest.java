package com.shopbff.system;

import com.shopbff.system.Shop.Customer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5: every root Query and Mutation field of the router's API, as anonymous, customer A, customer B and the
 * admin, against an explicit table of expected outcomes. The field list comes from the router's introspection, so a
 * new root field without a row here fails {@link #tableCoversExactlyTheApiRootFields()}.
 *
 * <p>Outcomes: ALLOWED = the field resolves (a payload with business {@code userErrors} counts: authorization let
 * the call through); UNAUTHENTICATED / FORBIDDEN = a GraphQL error with that {@code extensions.code};
 * NULL_OR_FORBIDDEN = someone else's data: FORBIDDEN, {@code null}, or (mutations) a payload refusing with
 * {@code userErrors}. Whatever the outcome, the response of anyone but A and the admin must never contain A's id,
 * e-mail, order id or notification id.
 *
 * <p>Destructive mutations are sent so that they cannot succeed or only touch throwaway data: deleteMyAccount with a
 * wrong password, signOut / refreshSession with a bogus refresh token, deleteProduct on a throwaway product.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixSystemTest {
    /** Declared in execution order: B tries A's order and notification before A and the admin change them. */
    enum Role { ANONYMOUS, CUSTOMER_B, CUSTOMER_A, ADMIN }

    enum Outcome { ALLOWED, UNAUTHENTICATED, FORBIDDEN, NULL_OR_FORBIDDEN }

    /** What a response showed, before matching it to the expected outcome. */
    enum Actual { ALLOWED, REFUSED_BY_USER_ERRORS, NULL, UNAUTHENTICATED, FORBIDDEN, OTHER_ERROR }

    record Call(String document, Map<String, Object> variables) {}

    record Row(String type, String field, Function<Role, Call> call, Map<Role, Outcome> expected) {}

    private static final Outcome A = Outcome.ALLOWED, U = Outcome.UNAUTHENTICATED, F = Outcome.FORBIDDEN, N = Outcome.NULL_OR_FORBIDDEN;
    private static final String PAYLOAD = "{ __typename userErrors { code message } }";

    private SystemStack sys;
    private Shop shop;
    private Customer a;
    private Customer b;
    private String productId;
    private String throwawayProductId;
    private String deletableProductId;
    private String categoryId;
    private String aOrderId;
    private String aNotificationId;
    private final Map<String, Row> table = new LinkedHashMap<>();
    private final List<String> placedOrders = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    void setUp() {
        sys = SystemStack.get();
        shop = sys.shop;
        a = shop.signUp("authz-a");
        b = shop.signUp("authz-b");
        productId = shop.createProduct("Authz product " + UUID.randomUUID(), "5.00", 100);
        throwawayProductId = shop.createProduct("Authz throwaway " + UUID.randomUUID(), "1.00", 10);
        deletableProductId = shop.createProduct("Authz deletable " + UUID.randomUUID(), "1.00", 10);
        categoryId = sys.gql.data("query($id: ID!) { product(id: $id) { category { id } } }", Map.of("id", productId), null)
                .at("/product/category/id").asString();
        shop.topUp(a, "50.00");
        shop.addToCart(a, productId, 1);
        aOrderId = shop.checkout(a);
        shop.awaitFinal(List.of(aOrderId), Duration.ofSeconds(90));
        AtomicReference<String> nid = new AtomicReference<>();
        await("A has a notification").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode e = sys.gql.data("{ myNotifications(first: 1) { edges { node { id } } } }", Map.of(), a.token()).at("/myNotifications/edges");
            if (e.isEmpty()) return false;
            nid.set(e.get(0).at("/node/id").asString());
            return true;
        });
        aNotificationId = nid.get();
        System.out.printf("authz fixture: A=%s B=%s order=%s notification=%s%n", a.id(), b.id(), aOrderId, aNotificationId);
        buildTable();
    }

    /**
     * Orders placed by the checkout cases settle before the next test class runs: other system tests assert that no
     * order of the shop is left PENDING/RESERVED/PAID.
     */
    @AfterAll
    void awaitPlacedOrdersSettle() {
        if (!placedOrders.isEmpty()) shop.awaitFinal(List.copyOf(placedOrders), Duration.ofSeconds(90));
    }

    private static Map<Role, Outcome> expect(Outcome anonymous, Outcome customerA, Outcome customerB, Outcome admin) {
        Map<Role, Outcome> m = new EnumMap<>(Role.class);
        m.put(Role.ANONYMOUS, anonymous);
        m.put(Role.CUSTOMER_A, customerA);
        m.put(Role.CUSTOMER_B, customerB);
        m.put(Role.ADMIN, admin);
        return m;
    }

    private void q(String field, String document, Map<String, Object> vars, Map<Role, Outcome> expected) {
        table.put("Query." + field, new Row("Query", field, r -> new Call(document, vars), expected));
    }

    private void m(String field, Function<Role, Call> call, Map<Role, Outcome> expected) {
        table.put("Mutation." + field, new Row("Mutation", field, call, expected));
    }

    private static Call call(String document, Map<String, Object> vars) {
        return new Call(document, vars);
    }

    private static String uid() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private void buildTable() {
        Map<String, Object> none = Map.of();
        // ---- Query: catalog
        q("products", "{ products(first: 1) { __typename } }", none, expect(A, A, A, A));
        q("product", "query($id: ID!) { product(id: $id) { id } }", Map.of("id", productId), expect(A, A, A, A));
        q("categories", "{ categories { id } }", none, expect(A, A, A, A));
        q("searchSuggestions", "{ searchSuggestions(prefix: \"te\") { id name } }", none, expect(A, A, A, A));
        q("pickupPoints", "{ pickupPoints { id } }", none, expect(A, A, A, A));
        // ---- Query: customer
        q("me", "{ me { id email } }", none, expect(N, A, A, A)); // null when anonymous (documented)
        q("customer", "query($id: ID!) { customer(id: $id) { id email } }", Map.of("id", a.id()), expect(U, N, N, A));
        q("customers", "{ customers(first: 1) { __typename } }", none, expect(U, F, F, A));
        q("signInProviders", "{ signInProviders { __typename } }", none, expect(A, A, A, A));
        q("myDataExports", "{ myDataExports { id } }", none, expect(U, A, A, A));
        // an id nobody has: null for everyone signed in (A's own exports are tested in the customer subgraph)
        q("dataExport", "query($id: ID!) { dataExport(id: $id) { id } }", Map.of("id", "no-such-export"), expect(U, N, N, N));
        q("privacyRequests", "{ privacyRequests(first: 1) { __typename } }", none, expect(U, F, F, A));
        // ---- Query: notifications
        q("myNotifications", "{ myNotifications(first: 1) { __typename } }", none, expect(U, A, A, A));
        q("unreadNotificationCount", "{ unreadNotificationCount }", none, expect(U, A, A, A));
        q("myNotificationPreferences", "{ myNotificationPreferences { __typename } }", none, expect(U, A, A, A));
        // ---- Query: orders
        q("myCart", "{ myCart { __typename } }", none, expect(U, A, A, A));
        q("order", "query($id: ID!) { order(id: $id) { id status } }", Map.of("id", aOrderId), expect(U, A, N, A));
        q("myOrders", "{ myOrders(first: 1) { __typename } }", none, expect(U, A, A, A));
        q("orders", "{ orders(first: 1) { __typename } }", none, expect(U, F, F, A));
        q("myOrderStats", "{ myOrderStats { __typename } }", none, expect(U, A, A, A));
        q("orderStats", "{ orderStats { __typename } }", none, expect(U, F, F, A));
        q("promoCodes", "{ promoCodes { __typename } }", none, expect(U, F, F, A));
        q("checkoutQuote", "query($i: CheckoutQuoteInput!) { checkoutQuote(input: $i) { quote { total { amount } } userErrors { code } } }",
                Map.of("i", Map.of("delivery", Map.of("address", Shop.ADDRESS))), expect(U, A, A, A));
        // A guest cart is reached by its token alone: an unknown token is null for everybody.
        q("guestCart", "query($t: String!) { guestCart(cartToken: $t) { __typename } }", Map.of("t", "gc_" + "A".repeat(43)), expect(N, N, N, N));
        // ---- Query: wallet
        q("myWallet", "{ myWallet { __typename } }", none, expect(U, A, A, A));
        q("walletAudit", "query($ids: [ID!]) { walletAudit(customerIds: $ids) { __typename } }", Map.of("ids", List.of(a.id())), expect(U, F, F, A));
        q("closedWallets", "{ closedWallets(first: 1) { __typename } }", none, expect(U, F, F, A));

        // ---- Mutation: catalog (ADMIN)
        Map<Role, Outcome> adminOnly = expect(U, F, F, A);
        m("createCategory", r -> call("mutation($i: CreateCategoryInput!) { createCategory(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("name", "Authz " + uid()))), adminOnly);
        m("updateCategory", r -> call("mutation($i: UpdateCategoryInput!) { updateCategory(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("id", "no-such-category-" + uid(), "name", "Authz renamed " + uid()))), adminOnly);
        m("deleteCategory", r -> call("mutation($id: ID!) { deleteCategory(id: $id) " + PAYLOAD + " }",
                Map.of("id", "no-such-category-" + uid())), adminOnly);
        m("createProduct", r -> call("mutation($i: CreateProductInput!) { createProduct(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("name", "Authz new " + uid(), "categoryId", categoryId, "price", "1.00", "stock", 1))), adminOnly);
        m("updateProduct", r -> call("mutation($i: UpdateProductInput!) { updateProduct(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("id", throwawayProductId, "name", "Authz renamed " + r))), adminOnly);
        m("deleteProduct", r -> call("mutation($id: ID!) { deleteProduct(id: $id) " + PAYLOAD + " }",
                Map.of("id", deletableProductId)), adminOnly);
        m("adjustStock", r -> call("mutation($i: AdjustStockInput!) { adjustStock(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("productId", throwawayProductId, "delta", 1))), adminOnly);
        m("createPickupPoint", r -> call("mutation($i: CreatePickupPointInput!) { createPickupPoint(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("name", "Authz point " + uid(), "address", Shop.ADDRESS))), adminOnly);
        // ---- Mutation: customer (public auth flows fail with userErrors only)
        Map<Role, Outcome> anyone = expect(A, A, A, A);
        Map<Role, Outcome> signedIn = expect(U, A, A, A);
        m("signUp", r -> call("mutation($i: SignUpInput!) { signUp(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("email", "authz." + uid() + "@example.com", "password", "correct-horse-9", "name", "Authz"))), anyone);
        m("signIn", r -> call("mutation($i: SignInInput!) { signIn(input: $i) { session { accessToken } userErrors { code } } }",
                Map.of("i", Map.of("email", "nobody." + uid() + "@example.com", "password", "wrong-password-1"))), anyone);
        m("startProviderSignIn", r -> call("mutation($i: StartProviderSignInInput!) { startProviderSignIn(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("provider", "no-such-provider", "redirectUri", "http://localhost:3000/callback"))), anyone);
        m("signInWithProvider", r -> call("mutation($i: ProviderSignInInput!) { signInWithProvider(input: $i) { session { accessToken } userErrors { code } } }",
                Map.of("i", Map.of("provider", "no-such-provider", "code", "x", "state", "x", "redirectUri", "http://localhost:3000/callback"))), anyone);
        m("refreshSession", r -> call("mutation($t: String!) { refreshSession(refreshToken: $t) { session { accessToken } userErrors { code } } }",
                Map.of("t", "bogus-" + uid())), anyone);
        m("signOut", r -> call("mutation($t: String!) { signOut(refreshToken: $t) " + PAYLOAD + " }", Map.of("t", "bogus-" + uid())), anyone);
        m("updateProfile", r -> call("mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { customer { id } userErrors { code } } }",
                Map.of("i", Map.of("phone", "+441130000000"))), signedIn);
        m("addAddress", r -> call("mutation($i: AddressInput!) { addAddress(input: $i) { customer { id } userErrors { code } } }",
                Map.of("i", Shop.ADDRESS)), signedIn);
        m("removeAddress", r -> call("mutation($id: ID!) { removeAddress(id: $id) { customer { id } userErrors { code } } }",
                Map.of("id", "no-such-address-" + uid())), signedIn);
        // wrong password: never deletes anything; customers get INVALID_PASSWORD, the admin ADMIN_ACCOUNT.
        m("deleteMyAccount", r -> call("mutation($p: String!) { deleteMyAccount(password: $p) { deletedCustomerId userErrors { code } } }",
                Map.of("p", "wrong-password-1")), signedIn);
        // account lifecycle: tokens in the input are the credential (bogus here); the signed-in ones with a wrong password
        m("requestPasswordReset", r -> call("mutation($i: RequestPasswordResetInput!) { requestPasswordReset(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("email", "nobody." + uid() + "@example.com"))), anyone);
        m("resetPassword", r -> call("mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { session { accessToken } userErrors { code } } }",
                Map.of("i", Map.of("token", "bogus." + uid(), "newPassword", "another-pass-1"))), anyone);
        m("verifyEmail", r -> call("mutation($i: VerifyEmailInput!) { verifyEmail(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("token", "bogus." + uid()))), anyone);
        m("changePassword", r -> call("mutation($i: ChangePasswordInput!) { changePassword(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("currentPassword", "wrong-password-1", "newPassword", "another-pass-1"))), signedIn);
        m("changeEmail", r -> call("mutation($i: ChangeEmailInput!) { changeEmail(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("newEmail", "authz." + uid() + "@example.com", "currentPassword", "wrong-password-1"))), signedIn);
        m("resendVerificationEmail", r -> call("mutation { resendVerificationEmail " + PAYLOAD + " }", Map.of()), signedIn);
        m("startProviderLink", r -> call("mutation($i: StartProviderSignInInput!) { startProviderLink(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("provider", "no-such-provider", "redirectUri", "http://localhost:3000/callback"))), signedIn);
        m("linkProvider", r -> call("mutation($i: ProviderSignInInput!) { linkProvider(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("provider", "no-such-provider", "code", "x", "state", "x", "redirectUri", "http://localhost:3000/callback"))), signedIn);
        m("unlinkProvider", r -> call("mutation { unlinkProvider(provider: \"no-such-provider\") " + PAYLOAD + " }", Map.of()), signedIn);
        // each caller's own export (A's, B's, the admin's): only the caller's data, never another customer's
        m("exportMyData", r -> call("mutation { exportMyData { export { id customerId } userErrors { code } } }", Map.of()), signedIn);
        // ---- Mutation: notifications
        m("markNotificationRead", r -> call("mutation($id: ID!) { markNotificationRead(id: $id) { notification { id } userErrors { code } } }",
                Map.of("id", aNotificationId)), expect(U, A, N, N));
        m("markAllNotificationsRead", r -> call("mutation { markAllNotificationsRead " + PAYLOAD + " }", Map.of()), signedIn);
        m("updateNotificationPreferences", r -> call("mutation($i: NotificationPreferencesInput!) { updateNotificationPreferences(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("emailEnabled", true))), signedIn);
        // ---- Mutation: orders
        // Anonymous: a new guest cart (its token in the payload).
        m("addToCart", r -> call("mutation($i: CartLineInput!) { addToCart(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("productId", productId, "quantity", 1))), anyone);
        m("updateCartLine", r -> call("mutation($i: CartLineInput!) { updateCartLine(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("productId", productId, "quantity", 2))), signedIn);
        m("removeFromCart", r -> call("mutation($id: ID!) { removeFromCart(productId: $id) " + PAYLOAD + " }", Map.of("id", productId)), signedIn);
        m("clearCart", r -> call("mutation { clearCart " + PAYLOAD + " }", Map.of()), signedIn);
        m("mergeGuestCart", r -> call("mutation($t: String!) { mergeGuestCart(cartToken: $t) " + PAYLOAD + " }",
                Map.of("t", "gc_" + "B".repeat(43))), signedIn);
        m("checkout", r -> call("mutation($i: CheckoutInput!) { checkout(input: $i) { order { id } userErrors { code message } } }",
                Map.of("i", Map.of("delivery", Map.of("address", Shop.ADDRESS), "idempotencyKey", "authz-" + uid()))), signedIn);
        // (the checkout document selects order { id } so that @AfterAll can wait for those orders to settle)
        m("cancelOrder", r -> call("mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { order { id status } userErrors { code } } }",
                Map.of("i", Map.of("id", aOrderId, "reason", "authorization test"))), expect(U, A, N, A));
        m("advanceOrder", r -> call("mutation($i: AdvanceOrderInput!) { advanceOrder(input: $i) { order { id status } userErrors { code } } }",
                Map.of("i", Map.of("id", aOrderId, "status", "DELIVERED"))), adminOnly);
        m("createPromoCode", r -> call("mutation($i: CreatePromoCodeInput!) { createPromoCode(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("code", "AUTHZ" + uid().toUpperCase(), "percentOff", 10))), adminOnly);
        // ---- Mutation: wallet
        m("topUpWallet", r -> call("mutation($i: TopUpInput!) { topUpWallet(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("amount", "1.00", "idempotencyKey", "authz-" + uid()))), signedIn);
        m("adjustWallet", r -> call("mutation($i: AdjustWalletInput!) { adjustWallet(input: $i) " + PAYLOAD + " }",
                Map.of("i", Map.of("customerId", a.id(), "amount", "1.00", "reason", "authorization test", "idempotencyKey", "authz-" + uid()))), adminOnly);
    }

    /** Two requests: the router's introspection guard refuses __Type.fields twice in one document. */
    private Set<String> introspectedRootFields() {
        Set<String> names = new TreeSet<>();
        for (String type : List.of("Query", "Mutation")) {
            sys.gql.data("query($t: String!) { __type(name: $t) { fields { name } } }", Map.of("t", type), null)
                    .at("/__type/fields").forEach(f -> names.add(type + "." + f.get("name").asString()));
        }
        return names;
    }

    @Test
    void tableCoversExactlyTheApiRootFields() {
        assertThat(new TreeSet<>(table.keySet())).as("rows of the authorization table vs. the router's root Query/Mutation fields")
                .isEqualTo(introspectedRootFields());
    }

    @TestFactory
    Stream<DynamicNode> everyRootFieldForEveryRole() {
        List<DynamicNode> nodes = new ArrayList<>();
        Set<String> api = introspectedRootFields();
        for (String name : api) {
            if (!table.containsKey(name)) {
                nodes.add(DynamicTest.dynamicTest(name + " has a row", () -> assertThat(table).as("no expected outcomes for " + name).containsKey(name)));
            }
        }
        // Table order (not alphabetical): e.g. markNotificationRead runs before markAllNotificationsRead.
        for (Row row : table.values()) {
            String name = row.type() + "." + row.field();
            if (!api.contains(name)) {
                nodes.add(DynamicTest.dynamicTest(name + " is in the API", () -> assertThat(api).as("row for a field the API lacks").contains(name)));
                continue;
            }
            List<DynamicTest> perRole = new ArrayList<>();
            for (Role role : Role.values()) {
                Outcome expected = row.expected().get(role);
                perRole.add(DynamicTest.dynamicTest(name + " as " + role + " -> " + expected, () -> check(row, role, expected)));
            }
            nodes.add(DynamicContainer.dynamicContainer(name, perRole));
        }
        return nodes.stream();
    }

    private String token(Role role) {
        return switch (role) {
            case ANONYMOUS -> null;
            case CUSTOMER_A -> a.token();
            case CUSTOMER_B -> b.token();
            case ADMIN -> shop.admin();
        };
    }

    private void check(Row row, Role role, Outcome expected) {
        Call c = row.call().apply(role);
        JsonNode res = sys.gql.call(c.document(), c.variables(), token(role));
        Actual actual = classify(res, row.field());
        String shown = res.toString();
        System.out.printf("authz %s.%s as %s: expected %s, got %s %s%n", row.type(), row.field(), role, expected, actual,
                shown.length() > 300 ? shown.substring(0, 300) + "..." : shown);
        String ctx = row.type() + "." + row.field() + " as " + role + ": " + res;
        Set<Actual> accepted = switch (expected) {
            case ALLOWED -> Set.of(Actual.ALLOWED, Actual.REFUSED_BY_USER_ERRORS);
            case UNAUTHENTICATED -> Set.of(Actual.UNAUTHENTICATED);
            case FORBIDDEN -> Set.of(Actual.FORBIDDEN);
            case NULL_OR_FORBIDDEN -> Set.of(Actual.NULL, Actual.FORBIDDEN, Actual.REFUSED_BY_USER_ERRORS);
        };
        assertThat(actual).as(ctx).isIn(accepted);
        if (role == Role.ANONYMOUS || role == Role.CUSTOMER_B) {
            String data = String.valueOf(res.get("data"));
            assertThat(data).as("A's data must not reach " + role + ": " + ctx)
                    .doesNotContain(a.id()).doesNotContain(a.email()).doesNotContain(aOrderId).doesNotContain(aNotificationId);
        }
        if (row.field().equals("checkout") && res.at("/data/checkout/order/id").isString()) {
            placedOrders.add(res.at("/data/checkout/order/id").asString());
        }
        if (row.field().equals("cancelOrder") && role == Role.CUSTOMER_B) {
            assertThat(shop.orders(List.of(aOrderId)).get(aOrderId).status()).as("B must not cancel A's order").isNotEqualTo("CANCELLED");
        }
        if (row.field().equals("markNotificationRead") && role == Role.CUSTOMER_B) {
            JsonNode edges = sys.gql.data("{ myNotifications(first: 100) { edges { node { id read } } } }", Map.of(), a.token()).at("/myNotifications/edges");
            boolean stillUnread = false;
            for (JsonNode e : edges) {
                if (e.at("/node/id").asString().equals(aNotificationId)) stillUnread = !e.at("/node/read").asBoolean();
            }
            assertThat(stillUnread).as("B must not mark A's notification read").isTrue();
        }
        if (row.field().equals("order") && role == Role.CUSTOMER_A) {
            assertThat(res.at("/data/order/id").asString()).as(ctx).isEqualTo(aOrderId);
        }
    }

    private static Actual classify(JsonNode res, String field) {
        JsonNode errors = res.get("errors");
        if (errors != null && !errors.isEmpty()) {
            String code = errors.get(0).at("/extensions/code").asString("");
            return switch (code) {
                case "UNAUTHENTICATED" -> Actual.UNAUTHENTICATED;
                case "FORBIDDEN" -> Actual.FORBIDDEN;
                default -> Actual.OTHER_ERROR;
            };
        }
        JsonNode v = res.at("/data/" + field);
        if (v.isMissingNode() || v.isNull()) return Actual.NULL;
        JsonNode ue = v.get("userErrors");
        if (ue != null && !ue.isEmpty()) return Actual.REFUSED_BY_USER_ERRORS;
        return Actual.ALLOWED;
    }
}
