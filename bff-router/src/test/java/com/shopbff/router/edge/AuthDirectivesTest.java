package com.shopbff.router.edge;

import com.shopbff.router.edge.authz.AuthzConfig;
import com.shopbff.router.edge.authz.ClaimPolicies;
import com.shopbff.router.support.RouterClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code @authenticated}, {@code @requiresScopes} and {@code @policy} from the supergraph, enforced by the router for
 * an anonymous caller, a customer and an administrator: unauthorized fields answer null with
 * {@code UNAUTHORIZED_FIELD_OR_TYPE} and are never fetched; or, configured so, the whole request is refused.
 */
class AuthDirectivesTest {
    static EdgeStack stack;
    static String customer;
    static String admin;
    static String staff;

    @BeforeAll
    static void start() {
        stack = new EdgeStack(EdgeConfig.DEFAULTS.withAuthz(AuthzConfig.DEFAULTS
                .withScopeClaims(List.of("scope", "role"))
                .withPolicies(ClaimPolicies.parse("staff:role=ADMIN|department=support"))));
        customer = stack.jwks.bearer("u1", Map.of("role", "CUSTOMER"));
        admin = stack.jwks.bearer("a1", Map.of("role", "ADMIN"));
        staff = stack.jwks.bearer("s1", Map.of("role", "CUSTOMER", "department", "support", "scope", "SELF"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static RouterClient.Result as(String bearer, String query) {
        return stack.client.post(query, null, bearer == null ? Map.of() : Map.of("authorization", bearer));
    }

    private static long upstreamQueriesMentioning(String word) {
        return stack.shop.requests.stream().filter(r -> String.valueOf(r.get("query")).contains(word)).count()
                + stack.reviews.requests.stream().filter(r -> String.valueOf(r.get("query")).contains(word)).count();
    }

    @Test
    void anonymousCallerGetsNullAndAnErrorForAuthenticatedFieldsAndTheRestOfTheAnswer() {
        long before = upstreamQueriesMentioning("me");
        RouterClient.Result r = as(null, "{ hello me { id name } }");
        assertEquals(200, r.status());
        assertEquals("world", r.at("data.hello"));
        assertNull(r.at("data.me"));
        assertEquals("UNAUTHORIZED_FIELD_OR_TYPE", r.at("errors.0.extensions.code"));
        assertEquals(List.of("me"), r.at("errors.0.path"));
        assertEquals(before, upstreamQueriesMentioning("me"), "the removed field was not fetched");
    }

    @Test
    void customerSeesTheirOwnFieldsButNotThoseNeedingAScope() {
        RouterClient.Result r = as(customer, "{ me { id name email orders } staffNote }");
        assertEquals("Ann", r.at("data.me.name"));
        assertEquals(List.of("o1", "o2"), r.at("data.me.orders"), "@authenticated entity field from the other subgraph");
        assertNull(r.at("data.me.email"), "@requiresScopes ADMIN or SELF");
        assertNull(r.at("data.staffNote"), "@policy staff");
        assertEquals(2, ((List<?>) r.at("errors")).size(), r.body());
        assertEquals(List.of("me", "email"), r.at("errors.0.path"));
        assertEquals(List.of("staffNote"), r.at("errors.1.path"));
        RouterClient.Result users = as(customer, "{ users { id } }");
        assertNull(users.at("data"), "users is non-null: the null propagates");
        assertEquals("UNAUTHORIZED_FIELD_OR_TYPE", users.at("errors.0.extensions.code"));
    }

    @Test
    void adminSeesEverything() {
        RouterClient.Result r = as(admin, "{ me { email orders } users { id name email } staffNote }");
        assertNull(r.at("errors"), r.body());
        assertEquals("ann@example.com", r.at("data.me.email"));
        assertEquals("Ann", r.at("data.users.0.name"));
        assertEquals("be kind", r.at("data.staffNote"));
    }

    @Test
    void alternativesOfScopesAndPoliciesAreEachEnough() {
        RouterClient.Result r = as(staff, "{ me { email } staffNote }");
        assertNull(r.at("errors"), r.body());
        assertEquals("ann@example.com", r.at("data.me.email"), "SELF scope");
        assertEquals("be kind", r.at("data.staffNote"), "department=support");
    }

    @Test
    void mutationsAreGuardedToo() {
        RouterClient.Result r = as(null, "mutation { rename(id: \"1\", name: \"x\") { id } }");
        assertNull(r.at("data.rename"));
        assertEquals("UNAUTHORIZED_FIELD_OR_TYPE", r.at("errors.0.extensions.code"));
        assertEquals("1", as(customer, "mutation { rename(id: \"1\", name: \"x\") { id } }").at("data.rename.id"));
    }

    @Test
    void rejectModeRefusesTheWholeRequest401AnonymousAnd403SignedIn() {
        try (EdgeStack strict = new EdgeStack(EdgeConfig.DEFAULTS.withAuthz(AuthzConfig.DEFAULTS.withRejectWhole(true)
                .withScopeClaims(List.of("role"))))) {
            RouterClient.Result anon = strict.client.post("{ hello me { id } }");
            assertEquals(401, anon.status());
            assertEquals("UNAUTHORIZED_FIELD_OR_TYPE", anon.at("errors.0.extensions.code"));
            RouterClient.Result cust = strict.client.post("{ users { id } }", null,
                    Map.of("authorization", strict.jwks.bearer("u1", Map.of("role", "CUSTOMER"))));
            assertEquals(403, cust.status());
            assertEquals(0, strict.upstreamRequests(), "nothing refused reached a subgraph");
            RouterClient.Result adm = strict.client.post("{ users { id } }", null,
                    Map.of("authorization", strict.jwks.bearer("a1", Map.of("role", "ADMIN"))));
            assertEquals("u1", adm.at("data.users.0.id"));
        }
    }

    @Test
    void switchedOffTheDirectivesAreLeftToTheSubgraphs() {
        try (EdgeStack off = new EdgeStack(EdgeConfig.DEFAULTS.withAuthz(new AuthzConfig(false, false, null, null)))) {
            assertEquals("Ann", off.client.post("{ me { name } }").at("data.me.name"));
        }
    }

    @Test
    void callerCodesAnswerUnauthenticatedForAnonymousAndForbiddenForSignedInCallers() {
        try (EdgeStack shop = new EdgeStack(EdgeConfig.DEFAULTS.withAuthz(AuthzConfig.DEFAULTS.withCallerCodes(true)
                .withScopeClaims(List.of("role"))))) {
            RouterClient.Result anon = shop.client.post("{ me { id } }");
            assertEquals("UNAUTHENTICATED", anon.at("errors.0.extensions.code"));
            assertNull(anon.at("data.me"));
            RouterClient.Result cust = shop.client.post("{ users { id } }", null,
                    Map.of("authorization", shop.jwks.bearer("u1", Map.of("role", "CUSTOMER"))));
            assertEquals("FORBIDDEN", cust.at("errors.0.extensions.code"));
        }
    }
}
