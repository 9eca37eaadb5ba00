package com.shopbff.customer;

import com.jayway.jsonpath.DocumentContext;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;

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
 * External sign-in made usable: Yandex ID's OAuth flow (no OpenID Connect) against a local server that speaks it, and
 * linking a provider to an existing password account (the OIDC provider is mock-oauth2-server).
 */
class ProviderLinkTest extends CustomerIntegrationTest {
    private static final String REDIRECT = "https://shop.example/auth/callback";
    private static final String START = "mutation($i: StartProviderSignInInput!) { startProviderSignIn(input: $i) { authorizationUrl state userErrors { code } } }";
    private static final String START_LINK = "mutation($i: StartProviderSignInInput!) { startProviderLink(input: $i) { authorizationUrl state userErrors { code } } }";
    private static final String SIGN_IN = "mutation($i: ProviderSignInInput!) { signInWithProvider(input: $i) { " + SESSION + " } }";
    private static final String LINK = "mutation($i: ProviderSignInInput!) { linkProvider(input: $i) { customer { id email linkedProviders { provider } } userErrors { code field } } }";
    private static final String UNLINK = "mutation($p: String!) { unlinkProvider(provider: $p) { customer { linkedProviders { provider } } userErrors { code } } }";

    /** The browser: follows the authorization URL; the provider redirects back to REDIRECT with code and state. */
    private static Map<String, String> authorize(String authorizationUrl) throws Exception {
        HttpResponse<String> response = get(authorizationUrl);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT);
        return Arrays.stream(URI.create(location).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private DocumentContext start(String document, String provider, String token) {
        return gql(document, Map.of("i", Map.of("provider", provider, "redirectUri", REDIRECT)), token);
    }

    private static Map<String, Object> completion(String provider, Map<String, String> callback) {
        return Map.of("i", Map.of("provider", provider, "code", callback.get("code"), "state", callback.get("state"), "redirectUri", REDIRECT));
    }

    private static void nextMockIdentity(String subject, String email) {
        oidcServer().enqueueCallback(new DefaultOAuth2TokenCallback(OIDC_ISSUER_ID, subject, "JWT", List.of(OIDC_CLIENT_ID),
                Map.of("email", email, "email_verified", true, "name", "Linked Person"), 3600));
    }

    @Test
    void yandexSignInUsesItsOAuthFlowAndUserInfoApi() throws Exception {
        String email = "ya." + UUID.randomUUID().toString().substring(0, 8) + "@yandex.ru";
        String yandexId = String.valueOf(System.nanoTime());
        DocumentContext started = start(START, "yandex", null);
        String url = started.read("$.data.startProviderSignIn.authorizationUrl");
        assertThat(url).startsWith(yandex().base() + "/authorize?").contains("code_challenge_method=S256", "scope=login%3Aemail+login%3Ainfo")
                .doesNotContain("nonce=");
        yandex().nextUser(new FakeYandexId.User(yandexId, email, "Yana Yandex"));
        DocumentContext in = gql(SIGN_IN, completion("yandex", authorize(url)));
        assertThat((List<?>) in.read("$.data.signInWithProvider.userErrors")).as(in.jsonString()).isEmpty();
        assertThat((String) in.read("$.data.signInWithProvider.customer.email")).isEqualTo(email);
        assertThat((String) in.read("$.data.signInWithProvider.customer.name")).isEqualTo("Yana Yandex");
        String id = in.read("$.data.signInWithProvider.customer.id");
        DocumentContext me = gql("{ me { emailVerified hasPassword linkedProviders { provider } } }", Map.of(),
                in.read("$.data.signInWithProvider.session.accessToken"));
        assertThat((Boolean) me.read("$.data.me.emailVerified")).isTrue();
        assertThat((Boolean) me.read("$.data.me.hasPassword")).isFalse();
        assertThat((List<String>) me.read("$.data.me.linkedProviders[*].provider")).containsExactly("yandex");

        // the same Yandex account signs in to the same shop account
        yandex().nextUser(new FakeYandexId.User(yandexId, email, "Yana Yandex"));
        DocumentContext again = gql(SIGN_IN, completion("yandex", authorize(start(START, "yandex", null).read("$.data.startProviderSignIn.authorizationUrl"))));
        assertThat((String) again.read("$.data.signInWithProvider.customer.id")).isEqualTo(id);
    }

    @Test
    void aYandexTokenIssuedToAnotherApplicationIsRefused() throws Exception {
        yandex().nextUser(new FakeYandexId.User("other-" + System.nanoTime(), "other@yandex.ru", "Other"));
        yandex().answerAsClient("somebody-elses-app");
        try {
            DocumentContext r = gql(SIGN_IN, completion("yandex", authorize(start(START, "yandex", null).read("$.data.startProviderSignIn.authorizationUrl"))));
            assertThat((List<String>) r.read("$.data.signInWithProvider.userErrors[*].code")).containsExactly("INVALID_ID_TOKEN");
            assertThat((Object) r.read("$.data.signInWithProvider.session")).isNull();
        } finally {
            yandex().answerAsClient(FakeYandexId.CLIENT_ID);
        }
    }

    @Test
    void aPasswordAccountLinksAProviderAndThenSignsInWithIt() throws Exception {
        Account a = signUp("linker");
        String subject = "mock-" + UUID.randomUUID();
        String providerEmail = "someone.else." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        DocumentContext started = start(START_LINK, "mock", a.accessToken());
        nextMockIdentity(subject, providerEmail);
        DocumentContext linked = gql(LINK, completion("mock", authorize(started.read("$.data.startProviderLink.authorizationUrl"))), a.accessToken());
        assertThat((List<?>) linked.read("$.data.linkProvider.userErrors")).as(linked.jsonString()).isEmpty();
        assertThat((List<String>) linked.read("$.data.linkProvider.customer.linkedProviders[*].provider")).containsExactly("mock");
        assertThat((String) linked.read("$.data.linkProvider.customer.email")).isEqualTo(a.email());

        // signing in with that provider account reaches the linked password account, though its email differs
        nextMockIdentity(subject, providerEmail);
        DocumentContext in = gql(SIGN_IN, completion("mock", authorize(start(START, "mock", null).read("$.data.startProviderSignIn.authorizationUrl"))));
        assertThat((String) in.read("$.data.signInWithProvider.customer.id")).isEqualTo(a.id());

        // a password account may drop it again
        DocumentContext unlinked = gql(UNLINK, Map.of("p", "mock"), a.accessToken());
        assertThat((List<?>) unlinked.read("$.data.unlinkProvider.customer.linkedProviders")).isEmpty();
        assertThat((List<String>) gql(UNLINK, Map.of("p", "mock"), a.accessToken()).read("$.data.unlinkProvider.userErrors[*].code"))
                .containsExactly("NOT_LINKED");
    }

    @Test
    void aLinkStateServesOnlyTheCustomerWhoStartedItAndNeverASignIn() throws Exception {
        Account a = signUp("link-a");
        Account b = signUp("link-b");
        // no identity is queued at the provider: a refused state never reaches its token endpoint
        String url = start(START_LINK, "mock", a.accessToken()).read("$.data.startProviderLink.authorizationUrl");
        Map<String, String> callback = authorize(url);
        assertThat((List<String>) gql(LINK, completion("mock", callback), b.accessToken()).read("$.data.linkProvider.userErrors[*].code"))
                .containsExactly("INVALID_STATE");

        String url2 = start(START_LINK, "mock", a.accessToken()).read("$.data.startProviderLink.authorizationUrl");
        assertThat((List<String>) gql(SIGN_IN, completion("mock", authorize(url2))).read("$.data.signInWithProvider.userErrors[*].code"))
                .containsExactly("INVALID_STATE");
        assertThat(codes(gql(START_LINK, Map.of("i", Map.of("provider", "mock", "redirectUri", REDIRECT))))).containsExactly("UNAUTHENTICATED");
    }

    @Test
    void aProviderAccountLinkedToOneCustomerCannotBeLinkedToAnother() throws Exception {
        Account a = signUp("owner");
        Account b = signUp("intruder");
        String subject = "mock-" + UUID.randomUUID();
        String email = "shared." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        nextMockIdentity(subject, email);
        gql(LINK, completion("mock", authorize(start(START_LINK, "mock", a.accessToken()).read("$.data.startProviderLink.authorizationUrl"))), a.accessToken());
        nextMockIdentity(subject, email);
        DocumentContext refused = gql(LINK, completion("mock", authorize(start(START_LINK, "mock", b.accessToken())
                .read("$.data.startProviderLink.authorizationUrl"))), b.accessToken());
        assertThat((List<String>) refused.read("$.data.linkProvider.userErrors[*].code")).containsExactly("PROVIDER_ALREADY_LINKED");
    }

    @Test
    void anAccountMadeByAProviderKeepsItsOnlyWayToSignIn() throws Exception {
        String email = "only." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        nextMockIdentity("mock-" + UUID.randomUUID(), email);
        DocumentContext in = gql(SIGN_IN, completion("mock", authorize(start(START, "mock", null).read("$.data.startProviderSignIn.authorizationUrl"))));
        String token = in.read("$.data.signInWithProvider.session.accessToken");
        assertThat((List<String>) gql(UNLINK, Map.of("p", "mock"), token).read("$.data.unlinkProvider.userErrors[*].code"))
                .containsExactly("LAST_SIGN_IN_METHOD");
    }
}
