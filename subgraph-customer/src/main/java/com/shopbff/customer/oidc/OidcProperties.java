package com.shopbff.customer.oidc;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * External sign-in providers ({@code shop.oidc.*}); see subgraph-customer/README.md for Google, Microsoft, Yandex.
 *
 * @param providers   the configured OpenID Connect issuers
 * @param stateTtl    how long a started sign-in (state, nonce, PKCE verifier) may be completed
 * @param httpTimeout timeout of calls to a provider (discovery, token endpoint, JWKS)
 */
@ConfigurationProperties("shop.oidc")
public record OidcProperties(List<Provider> providers, Duration stateTtl, Duration httpTimeout) {
    public OidcProperties {
        providers = providers == null ? List.of() : List.copyOf(providers);
        if (stateTtl == null) stateTtl = Duration.ofMinutes(10);
        if (httpTimeout == null) httpTimeout = Duration.ofSeconds(10);
    }

    /** How a provider proves who signed in. */
    public enum Type {
        /** OpenID Connect: discovery, an ID token verified with the issuer's keys. */
        OIDC,
        /**
         * Yandex ID: OAuth 2.0 authorization code with PKCE, then the user-info API ({@code login.yandex.ru/info}, with
         * the access token as {@code Authorization: OAuth <token>}); no ID token, no discovery.
         */
        YANDEX
    }

    /**
     * @param id                 the name clients pass as {@code provider}
     * @param name               display name
     * @param type               {@code oidc} (default) or {@code yandex}
     * @param issuer             OIDC: the issuer; its discovery document is {@code issuer + /.well-known/openid-configuration}
     * @param clientId           the client id registered at the provider (also the ID token's required audience)
     * @param clientSecret       the client secret (confidential client)
     * @param scopes             requested scopes, default {@code openid email profile} ({@code login:email login:info} for Yandex)
     * @param redirectUris       allowed redirect URIs; empty allows any (the provider checks its own registration too)
     * @param emailVerifiedClaim OIDC: the boolean claim that says the email is verified, default {@code email_verified}
     * @param tokenAuthMethod    {@code client_secret_basic} (default; {@code client_secret_post} for Yandex)
     * @param authorizationUri   Yandex: the authorization endpoint, default {@code https://oauth.yandex.ru/authorize}
     * @param tokenUri           Yandex: the token endpoint, default {@code https://oauth.yandex.ru/token}
     * @param userInfoUri        Yandex: the user-info endpoint, default {@code https://login.yandex.ru/info?format=json}
     */
    public record Provider(String id, String name, Type type, String issuer, String clientId, String clientSecret, String scopes,
                           List<String> redirectUris, String emailVerifiedClaim, String tokenAuthMethod, String authorizationUri,
                           String tokenUri, String userInfoUri) {
        public Provider {
            if (id == null || id.isBlank()) throw new IllegalArgumentException("shop.oidc.providers[].id is required");
            if (type == null) type = Type.OIDC;
            if (type == Type.OIDC && (issuer == null || issuer.isBlank()))
                throw new IllegalArgumentException("shop.oidc.providers[" + id + "].issuer is required");
            if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("shop.oidc.providers[" + id + "].client-id is required");
            if (name == null || name.isBlank()) name = id;
            if (scopes == null || scopes.isBlank()) scopes = type == Type.YANDEX ? "login:email login:info" : "openid email profile";
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            if (emailVerifiedClaim == null || emailVerifiedClaim.isBlank()) emailVerifiedClaim = "email_verified";
            if (tokenAuthMethod == null || tokenAuthMethod.isBlank()) tokenAuthMethod = type == Type.YANDEX ? "client_secret_post" : "client_secret_basic";
            if (type == Type.YANDEX) {
                if (authorizationUri == null || authorizationUri.isBlank()) authorizationUri = "https://oauth.yandex.ru/authorize";
                if (tokenUri == null || tokenUri.isBlank()) tokenUri = "https://oauth.yandex.ru/token";
                if (userInfoUri == null || userInfoUri.isBlank()) userInfoUri = "https://login.yandex.ru/info?format=json";
            }
        }
    }
}
