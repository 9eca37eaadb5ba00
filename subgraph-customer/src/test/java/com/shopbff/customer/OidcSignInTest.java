package com.shopbff.customer;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.CustomerEvent;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import com.shopbff.customer.session.AccessTokens;
import com.shopbff.support.auth.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import java.time.Duration;
import java.time.Instant;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect sign-in end to end against a real provider (mock-oauth2-server): discovery, authorization with
 * PKCE, code exchange at its token endpoint, ID token verified with its JWKS.
 */
class OidcSignInTest extends CustomerIntegrationTest {
    @Autowired
    AccessTokens accessTokens;

    private static final String REDIRECT = "https://shop.example/auth/callback";
    private static final String START = "mutation($i: StartProviderSignInInput!) { startProviderSignIn(input: $i) { authorizationUrl state userErrors { code field } } }";
    private static final String COMPLETE = "mutation($i: ProviderSignInInput!) { signInWithProvider(input: $i) { " + SESSION + " } }";

    private record Started(String authorizationUrl, String state) {}

    private Started start() {
        DocumentContext r = gql(START, Map.of("i", Map.of("provider", "mock", "redirectUri", REDIRECT)));
        assertThat((List<?>) r.read("$.data.startProviderSignIn.userErrors")).as(r.jsonString()).isEmpty();
        return new Started(r.read("$.data.startProviderSignIn.authorizationUrl"), r.read("$.data.startProviderSignIn.state"));
    }

    /** The browser's part: follow the authorization URL; the provider (non-interactive) redirects back with a code. */
    private static Map<String, String> authorize(String authorizationUrl) throws Exception {
        HttpResponse<String> response = get(authorizationUrl);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT);
        return Arrays.stream(URI.create(location).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private static void nextIdTokenClaims(String subject, Map<String, Object> claims) {
        oidcServer().enqueueCallback(new DefaultOAuth2TokenCallback(OIDC_ISSUER_ID, subject, "JWT", List.of(OIDC_CLIENT_ID), claims, 3600));
    }

    private DocumentContext complete(String code, String state) {
        return gql(COMPLETE, Map.of("i", Map.of("provider", "mock", "code", code, "state", state, "redirectUri", REDIRECT)));
    }

    @Test
    void theProvidersAreListed() {
        DocumentContext r = gql("{ signInProviders { id name } }");
        assertThat((List<String>) r.read("$.data.signInProviders[*].id")).containsExactly("mock", "yandex");
    }

    @Test
    void theAuthorizationUrlUsesPkceS256AndAServerMadeStateAndNonce() {
        Started s = start();
        assertThat(s.authorizationUrl()).startsWith(oidcServer().issuerUrl(OIDC_ISSUER_ID).toString())
                .contains("code_challenge_method=S256", "code_challenge=", "nonce=", "state=" + s.state(), "client_id=" + OIDC_CLIENT_ID)
                .doesNotContain("code_verifier");
        assertThat(s.state()).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void aNewVerifiedEmailCreatesAnAccountAndSignsIn() throws Exception {
        String email = "oidc." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Started s = start();
        nextIdTokenClaims("sub-" + UUID.randomUUID(), Map.of("email", email, "email_verified", true, "name", "Olga Idp"));
        Map<String, String> callback = authorize(s.authorizationUrl());
        assertThat(callback.get("state")).isEqualTo(s.state());
        DocumentContext r = complete(callback.get("code"), callback.get("state"));
        assertThat((List<?>) r.read("$.data.signInWithProvider.userErrors")).as(r.jsonString()).isEmpty();
        assertThat((String) r.read("$.data.signInWithProvider.customer.email")).isEqualTo(email);
        assertThat((String) r.read("$.data.signInWithProvider.customer.name")).isEqualTo("Olga Idp");
        String id = r.read("$.data.signInWithProvider.customer.id");
        DocumentContext me = gql("{ me { id role } }", Map.of(), r.read("$.data.signInWithProvider.session.accessToken"));
        assertThat((String) me.read("$.data.me.id")).isEqualTo(id);
        awaitCustomerEvent(id, e -> e.payload() instanceof CustomerEvent.CustomerRegistered);
        // The state was used up: completing again is refused.
        DocumentContext replay = complete(callback.get("code"), callback.get("state"));
        assertThat((List<String>) replay.read("$.data.signInWithProvider.userErrors[*].code")).containsExactly("INVALID_STATE");
    }

    @Test
    void anAccountWithoutPasswordIsDeletedAfterARecentProviderSignInOnly() throws Exception {
        String email = "erase." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Started s = start();
        nextIdTokenClaims("sub-" + UUID.randomUUID(), Map.of("email", email, "email_verified", true));
        Map<String, String> callback = authorize(s.authorizationUrl());
        DocumentContext signedIn = complete(callback.get("code"), callback.get("state"));
        String id = signedIn.read("$.data.signInWithProvider.customer.id");
        String delete = "mutation($p: String!) { deleteMyAccount(password: $p) { deletedCustomerId userErrors { code } } }";
        String stale = accessTokens.issue(id, Role.CUSTOMER, Instant.now().minus(Duration.ofHours(1)), Duration.ofMinutes(15)).token();
        DocumentContext refused = gql(delete, Map.of("p", ""), stale);
        assertThat((List<String>) refused.read("$.data.deleteMyAccount.userErrors[*].code")).containsExactly("RECENT_SIGN_IN_REQUIRED");
        DocumentContext deleted = gql(delete, Map.of("p", ""), signedIn.read("$.data.signInWithProvider.session.accessToken"));
        assertThat((String) deleted.read("$.data.deleteMyAccount.deletedCustomerId")).as(deleted.jsonString()).isEqualTo(id);
        awaitCustomerEvent(id, e -> e.payload() instanceof CustomerEvent.CustomerDeleted);
    }

    @Test
    void aVerifiedEmailOfAnExistingAccountSignsIntoThatAccount() throws Exception {
        Account existing = signUp("linked");
        Started s = start();
        nextIdTokenClaims("sub-" + UUID.randomUUID(), Map.of("email", existing.email().toUpperCase(), "email_verified", true));
        Map<String, String> callback = authorize(s.authorizationUrl());
        DocumentContext r = complete(callback.get("code"), callback.get("state"));
        assertThat((String) r.read("$.data.signInWithProvider.customer.id")).as(r.jsonString()).isEqualTo(existing.id());
    }

    @Test
    void anUnverifiedEmailIsRefused() throws Exception {
        Started s = start();
        String email = "unverified." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        nextIdTokenClaims("sub-" + UUID.randomUUID(), Map.of("email", email, "email_verified", false));
        Map<String, String> callback = authorize(s.authorizationUrl());
        DocumentContext r = complete(callback.get("code"), callback.get("state"));
        assertThat((Object) r.read("$.data.signInWithProvider.session")).isNull();
        assertThat((List<String>) r.read("$.data.signInWithProvider.userErrors[*].code")).containsExactly("EMAIL_NOT_VERIFIED");
    }

    @Test
    void aForgedCodeIsRefused() {
        Started s = start();
        DocumentContext r = complete("forged-" + UUID.randomUUID(), s.state());
        assertThat((Object) r.read("$.data.signInWithProvider.session")).isNull();
        // mock-oauth2-server answers even an unknown code with tokens (a real provider says invalid_grant, which is
        // CODE_REJECTED); its ID token cannot carry the nonce of this sign-in, so our nonce check refuses it.
        assertThat((List<String>) r.read("$.data.signInWithProvider.userErrors[*].code")).as(r.jsonString()).containsExactly("INVALID_ID_TOKEN");
        assertThat((List<String>) r.read("$.data.signInWithProvider.userErrors[0].field")).containsExactly("input", "code");
    }

    @Test
    void aCodeCompletedWithAnotherSignInsPkceVerifierIsRefused() throws Exception {
        Started victim = start();
        Started attacker = start();
        // The code was issued for the victim's code_challenge; the attacker's state carries a different verifier.
        Map<String, String> callback = authorize(victim.authorizationUrl());
        DocumentContext r = complete(callback.get("code"), attacker.state());
        assertThat((Object) r.read("$.data.signInWithProvider.session")).isNull();
        assertThat((List<String>) r.read("$.data.signInWithProvider.userErrors[*].code")).as(r.jsonString()).containsExactly("CODE_REJECTED");
    }

    @Test
    void unknownStateProviderAndBadRedirectAreUserErrors() {
        assertThat((List<String>) complete("code", "no-such-state").read("$.data.signInWithProvider.userErrors[*].code")).containsExactly("INVALID_STATE");
        DocumentContext unknown = gql(START, Map.of("i", Map.of("provider", "nope", "redirectUri", REDIRECT)));
        assertThat((List<String>) unknown.read("$.data.startProviderSignIn.userErrors[*].code")).containsExactly("UNKNOWN_PROVIDER");
        DocumentContext badRedirect = gql(START, Map.of("i", Map.of("provider", "mock", "redirectUri", "javascript:alert(1)")));
        assertThat((List<String>) badRedirect.read("$.data.startProviderSignIn.userErrors[*].code")).containsExactly("REDIRECT_URI_NOT_ALLOWED");
        Started s = start();
        DocumentContext mismatch = gql(COMPLETE, Map.of("i", Map.of("provider", "mock", "code", "c", "state", s.state(), "redirectUri", "https://evil.example/cb")));
        assertThat((List<String>) mismatch.read("$.data.signInWithProvider.userErrors[*].code")).containsExactly("REDIRECT_URI_MISMATCH");
    }

    @Test
    void theAdministratorCannotBeReachedThroughAProvider() throws Exception {
        Started s = start();
        nextIdTokenClaims("sub-" + UUID.randomUUID(), Map.of("email", ADMIN_EMAIL, "email_verified", true));
        Map<String, String> callback = authorize(s.authorizationUrl());
        DocumentContext r = complete(callback.get("code"), callback.get("state"));
        assertThat((Object) r.read("$.data.signInWithProvider.session")).isNull();
        assertThat((List<String>) r.read("$.data.signInWithProvider.userErrors[*].code")).containsExactly("ACCOUNT_NOT_LINKABLE");
    }
}
