package com.shopbff.customer.oidc;

import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.shopbff.customer.account.AccountService;
import com.shopbff.customer.account.CustomerDocument;
import com.shopbff.customer.account.Outcome;
import com.shopbff.customer.account.UserErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OpenID Connect sign-in, authorization code flow with PKCE (S256), for any configured issuer:
 * <ol>
 *   <li>{@link #start}: the server makes state, nonce and code_verifier, keeps them, and answers the provider's
 *       authorization URL (with the S256 code_challenge) for the browser;</li>
 *   <li>{@link #complete}: with the code and state the provider redirected back with, the server exchanges the code
 *       (sending the verifier) at the token endpoint, verifies the ID token (signature by the issuer's JWKS, iss,
 *       aud = our client id, exp, nonce), requires a verified email, and signs in the account linked to that
 *       provider identity, else the account with that email (linking it), else a new one.</li>
 * </ol>
 * Yandex ID has no OpenID Connect: a {@code type: yandex} provider exchanges the code for an OAuth access token (with the
 * PKCE verifier) and reads the user from Yandex's user-info API instead of an ID token ({@link #yandexIdentity}).
 * A signed-in customer links a provider with the same two steps ({@link #startLink}, {@link #link}); the state is then
 * bound to that customer, so a code obtained in somebody else's browser cannot be linked to their account.
 */
@Service
public class OidcSignInService {
    private static final Logger log = LoggerFactory.getLogger(OidcSignInService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TOKEN_RESPONSE = 64 * 1024;

    private final OidcProperties properties;
    private final OidcDiscovery discovery;
    private final OidcSignInStore store;
    private final AccountService accounts;

    public OidcSignInService(OidcProperties properties, OidcDiscovery discovery, OidcSignInStore store, AccountService accounts) {
        this.properties = properties;
        this.discovery = discovery;
        this.store = store;
        this.accounts = accounts;
    }

    /** Who signed in at the provider: its subject, and a verified email. */
    record Identity(String subject, String email, String name) {}

    public List<OidcProperties.Provider> providers() {
        return properties.providers();
    }

    public record StartedSignIn(String authorizationUrl, String state) {}

    public Outcome<StartedSignIn> start(String providerId, String redirectUri) {
        return begin(providerId, redirectUri, null);
    }

    /** Step 1 of linking a provider to the signed-in customer's account: the state remembers who asked. */
    public Outcome<StartedSignIn> startLink(String providerId, String redirectUri, String customerId) {
        return begin(providerId, redirectUri, customerId);
    }

    private Outcome<StartedSignIn> begin(String providerId, String redirectUri, String customerId) {
        Optional<OidcProperties.Provider> provider = provider(providerId);
        if (provider.isEmpty()) return Outcome.failed(unknownProvider());
        Optional<String> badRedirect = checkRedirectUri(provider.get(), redirectUri);
        if (badRedirect.isPresent()) return Outcome.failed(UserErrors.of("REDIRECT_URI_NOT_ALLOWED", badRedirect.get(), "input", "redirectUri"));
        String endpoint;
        if (provider.get().type() == OidcProperties.Type.YANDEX) {
            endpoint = provider.get().authorizationUri();
        } else {
            try {
                endpoint = discovery.metadata(provider.get()).authorizationEndpoint().toString();
            } catch (OidcDiscovery.DiscoveryException e) {
                log.warn("provider {} unavailable: {}", providerId, e.getMessage());
                return Outcome.failed(unavailable());
            }
        }
        String state = random(32);
        String nonce = random(32);
        String verifier = random(32);
        store.save(new OidcSignInStore.Started(state, providerId, redirectUri, nonce, verifier, Instant.now().plus(properties.stateTtl()),
                customerId));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", provider.get().clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", provider.get().scopes());
        query.put("state", state);
        // Yandex's OAuth has no ID token to carry a nonce back; PKCE and the server-kept state protect the exchange
        if (provider.get().type() == OidcProperties.Type.OIDC) query.put("nonce", nonce);
        query.put("code_challenge", s256(verifier));
        query.put("code_challenge_method", "S256");
        return Outcome.ok(new StartedSignIn(endpoint + (endpoint.contains("?") ? "&" : "?") + form(query), state));
    }

    /** Step 2 of sign-in: the account linked to the provider identity, else the one with its email, else a new one. */
    public Outcome<CustomerDocument> complete(String providerId, String code, String state, String redirectUri) {
        Outcome<Identity> who = identify(providerId, code, state, redirectUri, null);
        if (!who.isOk()) return Outcome.failed(who.errors());
        Identity id = who.value();
        return accounts.signInWithVerifiedEmail(id.email(), id.name(), providerId, id.subject());
    }

    /** Step 2 of linking: the provider identity becomes a way to sign in to the caller's account. */
    public Outcome<CustomerDocument> link(String customerId, String providerId, String code, String state, String redirectUri) {
        Outcome<Identity> who = identify(providerId, code, state, redirectUri, customerId);
        if (!who.isOk()) return Outcome.failed(who.errors());
        return accounts.linkProvider(customerId, providerId, who.value().subject());
    }

    /**
     * The provider identity behind a code, for a state started here by {@code customerId} (null: a sign-in). A
     * sign-in state cannot link and a link state cannot sign in.
     */
    private Outcome<Identity> identify(String providerId, String code, String state, String redirectUri, String customerId) {
        Optional<OidcProperties.Provider> found = provider(providerId);
        if (found.isEmpty()) return Outcome.failed(unknownProvider());
        OidcProperties.Provider provider = found.get();
        OidcSignInStore.Started started = state == null || state.length() > 200 ? null : store.take(state);
        if (started == null || started.expiresAt().isBefore(Instant.now()) || !started.provider().equals(providerId)
                || !java.util.Objects.equals(started.customerId(), customerId))
            return Outcome.failed(UserErrors.of("INVALID_STATE", "This sign-in was not started here or has expired; start again.", "input", "state"));
        if (!started.redirectUri().equals(redirectUri))
            return Outcome.failed(UserErrors.of("REDIRECT_URI_MISMATCH", "The redirect URI differs from the one the sign-in started with.", "input", "redirectUri"));
        return provider.type() == OidcProperties.Type.YANDEX ? yandexIdentity(provider, code, started) : oidcIdentity(provider, code, started);
    }

    private Outcome<Identity> oidcIdentity(OidcProperties.Provider provider, String code, OidcSignInStore.Started started) {
        String providerId = provider.id();
        OidcDiscovery.Metadata metadata;
        try {
            metadata = discovery.metadata(provider);
        } catch (OidcDiscovery.DiscoveryException e) {
            log.warn("provider {} unavailable: {}", providerId, e.getMessage());
            return Outcome.failed(unavailable());
        }
        Map<String, Object> tokens;
        try {
            tokens = exchange(provider, metadata.tokenEndpoint(), code, started);
        } catch (RejectedException e) {
            return Outcome.failed(UserErrors.of("CODE_REJECTED", "The provider did not accept the authorization code (" + e.getMessage() + ").", "input", "code"));
        } catch (IOException | java.text.ParseException e) {
            log.warn("token exchange with {} failed: {}", providerId, e.getMessage());
            return Outcome.failed(unavailable());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(unavailable());
        }
        JWTClaimsSet claims;
        try {
            String idToken = JSONObjectUtils.getString(tokens, "id_token");
            if (idToken == null) throw new IllegalArgumentException("no id_token in the token response");
            claims = verifyIdToken(provider, metadata, idToken, started.nonce());
        } catch (Exception e) {
            log.warn("ID token from {} refused: {}", providerId, e.getMessage());
            return Outcome.failed(UserErrors.of("INVALID_ID_TOKEN", "The provider's ID token did not verify.", "input", "code"));
        }
        Object email = claims.getClaim("email");
        if (!(email instanceof String e) || !e.contains("@") || e.length() > 254)
            return Outcome.failed(UserErrors.of("EMAIL_MISSING", "The provider did not share an email address; allow the email scope.", "input", "provider"));
        Object verified = claims.getClaim(provider.emailVerifiedClaim());
        if (!(Boolean.TRUE.equals(verified) || "true".equals(verified)))
            return Outcome.failed(UserErrors.of("EMAIL_NOT_VERIFIED", "The provider has not verified this email address.", "input", "provider"));
        return Outcome.ok(new Identity(claims.getSubject(), (String) email, claims.getClaim("name") instanceof String n ? n : null));
    }

    /**
     * Yandex ID: the code is exchanged for an OAuth access token, then {@code login.yandex.ru/info} (with
     * {@code Authorization: OAuth <token>}) says who signed in: {@code id}, {@code default_email}, {@code real_name} or
     * {@code display_name}, and {@code client_id}, which must be ours (a token issued to another app is refused). Yandex
     * says nothing about verification; the default email is the address Yandex itself reaches the account holder at and
     * is treated as verified (subgraph-customer/README.md, "Yandex ID").
     */
    private Outcome<Identity> yandexIdentity(OidcProperties.Provider provider, String code, OidcSignInStore.Started started) {
        String accessToken;
        try {
            Object token = exchange(provider, URI.create(provider.tokenUri()), code, started).get("access_token");
            if (!(token instanceof String t) || t.isBlank()) throw new IOException("no access_token in the token response");
            accessToken = (String) token;
        } catch (RejectedException e) {
            return Outcome.failed(UserErrors.of("CODE_REJECTED", "The provider did not accept the authorization code (" + e.getMessage() + ").", "input", "code"));
        } catch (IOException | java.text.ParseException e) {
            log.warn("token exchange with {} failed: {}", provider.id(), e.getMessage());
            return Outcome.failed(unavailable());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(unavailable());
        }
        Map<String, Object> info;
        try {
            HttpResponse<String> response = discovery.http().send(HttpRequest.newBuilder(URI.create(provider.userInfoUri()))
                    .timeout(properties.httpTimeout()).header("Authorization", "OAuth " + accessToken).header("Accept", "application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IOException("user-info endpoint answered HTTP " + response.statusCode());
            if (response.body().length() > MAX_TOKEN_RESPONSE) throw new IOException("user-info response too large");
            info = JSONObjectUtils.parse(response.body());
        } catch (IOException | java.text.ParseException e) {
            log.warn("user info from {} failed: {}", provider.id(), e.getMessage());
            return Outcome.failed(unavailable());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(unavailable());
        }
        Object subject = info.get("id");
        Object client = info.get("client_id");
        if (!(subject instanceof String s) || s.isBlank() || !provider.clientId().equals(client)) {
            log.warn("user info from {} refused: missing id or issued to another client ({})", provider.id(), client);
            return Outcome.failed(UserErrors.of("INVALID_ID_TOKEN", "The provider's answer does not identify a user of this shop.", "input", "code"));
        }
        Object email = info.get("default_email");
        if (!(email instanceof String e) || !e.contains("@") || e.length() > 254)
            return Outcome.failed(UserErrors.of("EMAIL_MISSING", "Yandex did not share an email address; allow access to it (login:email).", "input", "provider"));
        Object name = info.get("real_name") instanceof String rn && !rn.isBlank() ? rn : info.get("display_name");
        return Outcome.ok(new Identity((String) subject, (String) email, name instanceof String n ? n : null));
    }

    private Map<String, Object> exchange(OidcProperties.Provider provider, URI tokenEndpoint, String code,
                                         OidcSignInStore.Started started)
            throws IOException, InterruptedException, java.text.ParseException, RejectedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code == null ? "" : code);
        form.put("redirect_uri", started.redirectUri());
        form.put("code_verifier", started.codeVerifier());
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint).timeout(properties.httpTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        String secret = provider.clientSecret() == null ? "" : provider.clientSecret();
        if ("client_secret_post".equals(provider.tokenAuthMethod())) {
            form.put("client_id", provider.clientId());
            form.put("client_secret", secret);
        } else {
            // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding.
            String basic = enc(provider.clientId()) + ":" + enc(secret);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            form.put("client_id", provider.clientId());
        }
        HttpResponse<String> response = discovery.http().send(request.POST(HttpRequest.BodyPublishers.ofString(form(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.body().length() > MAX_TOKEN_RESPONSE) throw new IOException("token response too large");
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            String error = "rejected";
            try {
                String e = JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "error");
                if (e != null && e.matches("[a-z_]{1,40}")) error = e;
            } catch (java.text.ParseException ignored) {
                // keep the generic reason
            }
            throw new RejectedException(error);
        }
        if (response.statusCode() != 200) throw new IOException("token endpoint answered HTTP " + response.statusCode());
        return JSONObjectUtils.parse(response.body());
    }

    private static JWTClaimsSet verifyIdToken(OidcProperties.Provider provider, OidcDiscovery.Metadata metadata, String idToken, String nonce)
            throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(metadata.idTokenAlgorithms(), metadata.keys()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(provider.clientId(),
                new JWTClaimsSet.Builder().issuer(metadata.issuer()).claim("nonce", nonce).build(),
                Set.of("sub", "exp", "iat")));
        JWTClaimsSet claims = processor.process(idToken, null);
        // OIDC Core 3.1.3.7: with several audiences, the token must have been issued to us (azp).
        if (claims.getAudience().size() > 1 && !provider.clientId().equals(claims.getStringClaim("azp")))
            throw new IllegalArgumentException("ID token with several audiences was not issued to this client (azp)");
        return claims;
    }

    private static Optional<String> checkRedirectUri(OidcProperties.Provider provider, String redirectUri) {
        URI uri;
        try {
            uri = redirectUri == null || redirectUri.length() > 2000 ? null : URI.create(redirectUri);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getFragment() != null)
            return Optional.of("The redirect URI must be an absolute http(s) URI without a fragment.");
        if (!provider.redirectUris().isEmpty() && !provider.redirectUris().contains(redirectUri))
            return Optional.of("This redirect URI is not registered for the provider.");
        return Optional.empty();
    }

    private Optional<OidcProperties.Provider> provider(String id) {
        return properties.providers().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private static com.shopbff.customer.generated.types.UserError unknownProvider() {
        return UserErrors.of("UNKNOWN_PROVIDER", "There is no such sign-in provider.", "input", "provider");
    }

    private static com.shopbff.customer.generated.types.UserError unavailable() {
        return UserErrors.of("PROVIDER_UNAVAILABLE", "The sign-in provider cannot be reached right now; try again later.", "input", "provider");
    }

    private static final class RejectedException extends Exception {
        RejectedException(String error) {
            super(error, null, false, false);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
