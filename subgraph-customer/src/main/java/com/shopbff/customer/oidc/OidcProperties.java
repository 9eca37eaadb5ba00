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

    /**
     * @param id                 the name clients pass as {@code provider}
     * @param name               display name
     * @param issuer             the OIDC issuer; its discovery document is {@code issuer + /.well-known/openid-configuration}
     * @param clientId           the client id registered at the provider (also the ID token's required audience)
     * @param clientSecret       the client secret (confidential client)
     * @param scopes             requested scopes, default {@code openid email profile}
     * @param redirectUris       allowed redirect URIs; empty allows any (the provider checks its own registration too)
     * @param emailVerifiedClaim the boolean claim that says the email is verified, default {@code email_verified}
     * @param tokenAuthMethod    {@code client_secret_basic} (default) or {@code client_secret_post}
     */
    public record Provider(String id, String name, String issuer, String clientId, String clientSecret, String scopes,
                           List<String> redirectUris, String emailVerifiedClaim, String tokenAuthMethod) {
        public Provider {
            if (id == null || id.isBlank()) throw new IllegalArgumentException("shop.oidc.providers[].id is required");
            if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException("shop.oidc.providers[" + id + "].issuer is required");
            if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("shop.oidc.providers[" + id + "].client-id is required");
            if (name == null || name.isBlank()) name = id;
            if (scopes == null || scopes.isBlank()) scopes = "openid email profile";
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            if (emailVerifiedClaim == null || emailVerifiedClaim.isBlank()) emailVerifiedClaim = "email_verified";
            if (tokenAuthMethod == null || tokenAuthMethod.isBlank()) tokenAuthMethod = "client_secret_basic";
        }
    }
}
