package com.shopbff.stack;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What ./run.sh passes to the subgraphs from the environment: links, the checkout gate, sign-in providers. */
class AccountSettingsTest {

    @Test
    void withoutSettingsTheLinksPointAtTheWebClientAndNoProviderIsConfigured() {
        List<String> args = AccountSettings.subgraphArgs(Map.of());
        assertThat(args).contains("--shop.accounts.verify-email-url=http://localhost:4080/verify-email?token={token}",
                "--shop.accounts.reset-password-url=http://localhost:4080/reset-password?token={token}",
                "--shop.orders.require-verified-email=false", "--shop.notifications.log-account-links=true");
        assertThat(args).noneMatch(a -> a.startsWith("--shop.oidc."));
    }

    @Test
    void providerSettingsFromTheEnvironmentBecomeProviders() {
        List<String> args = AccountSettings.subgraphArgs(Map.of("WEB_PORT", "4780", "REQUIRE_VERIFIED_EMAIL", "true",
                "OIDC_GOOGLE_CLIENT_ID", "g-id", "OIDC_GOOGLE_CLIENT_SECRET", "g-secret",
                "OIDC_MICROSOFT_TENANT", "contoso-tenant", "OIDC_MICROSOFT_CLIENT_ID", "m-id", "OIDC_MICROSOFT_CLIENT_SECRET", "m-secret",
                "OIDC_YANDEX_CLIENT_ID", "y-id", "OIDC_YANDEX_CLIENT_SECRET", "y-secret"));
        assertThat(args).contains("--shop.orders.require-verified-email=true",
                "--shop.oidc.providers[0].id=google", "--shop.oidc.providers[0].issuer=https://accounts.google.com",
                "--shop.oidc.providers[0].client-id=g-id", "--shop.oidc.providers[0].client-secret=g-secret",
                "--shop.oidc.providers[0].redirect-uris=http://localhost:4780/auth/callback",
                "--shop.oidc.providers[1].id=microsoft", "--shop.oidc.providers[1].issuer=https://login.microsoftonline.com/contoso-tenant/v2.0",
                "--shop.oidc.providers[1].email-verified-claim=xms_edov",
                "--shop.oidc.providers[2].id=yandex", "--shop.oidc.providers[2].type=yandex", "--shop.oidc.providers[2].client-id=y-id");
    }

    @Test
    void anyOpenIdConnectIssuerCanBeConfiguredWithItsOwnIdAndName() {
        List<String> args = AccountSettings.subgraphArgs(Map.of("OIDC_ISSUER", "https://id.example.com/realms/shop",
                "OIDC_CLIENT_ID", "shop-web", "OIDC_CLIENT_SECRET", "s3cret", "OIDC_PROVIDER_ID", "company", "OIDC_PROVIDER_NAME", "Company ID"));
        assertThat(args).contains("--shop.oidc.providers[0].id=company", "--shop.oidc.providers[0].name=Company ID",
                "--shop.oidc.providers[0].issuer=https://id.example.com/realms/shop", "--shop.oidc.providers[0].client-id=shop-web",
                "--shop.oidc.providers[0].client-secret=s3cret", "--shop.oidc.providers[0].redirect-uris=http://localhost:4080/auth/callback");
        assertThat(AccountSettings.subgraphArgs(Map.of("OIDC_ISSUER", "https://id.example.com", "OIDC_CLIENT_ID", "c",
                "OIDC_CLIENT_SECRET", "s"))).contains("--shop.oidc.providers[0].id=oidc", "--shop.oidc.providers[0].name=Single sign-on");
        assertThatThrownBy(() -> AccountSettings.subgraphArgs(Map.of("OIDC_ISSUER", "https://id.example.com")))
                .hasMessageContaining("OIDC_CLIENT_ID");
    }

    @Test
    void aHalfConfiguredProviderIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> AccountSettings.subgraphArgs(Map.of("OIDC_GOOGLE_CLIENT_ID", "g-id")))
                .hasMessageContaining("OIDC_GOOGLE_CLIENT_SECRET");
        assertThatThrownBy(() -> AccountSettings.subgraphArgs(Map.of("REQUIRE_VERIFIED_EMAIL", "maybe")))
                .hasMessageContaining("REQUIRE_VERIFIED_EMAIL");
    }
}
