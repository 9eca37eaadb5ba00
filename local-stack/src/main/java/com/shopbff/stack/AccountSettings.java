package com.shopbff.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Account settings of the local stack, from the environment (see README, "Configuration"), as subgraph arguments:
 * links in verification and password-reset emails point at the web client ({@code WEB_BASE_URL}, default
 * {@code http://localhost:${WEB_PORT:-4080}}); without an SMTP server the account emails are written to the log
 * ({@code LOG_ACCOUNT_LINKS}); checkout asks for a verified email only when {@code REQUIRE_VERIFIED_EMAIL=true}
 * (a local stack has no mail server, so the default is off; the subgraph jars' own default is on). External sign-in
 * providers come from {@code OIDC_GOOGLE_CLIENT_ID}/{@code _SECRET}, {@code OIDC_MICROSOFT_TENANT}/{@code _CLIENT_ID}/
 * {@code _CLIENT_SECRET}, {@code OIDC_YANDEX_CLIENT_ID}/{@code _SECRET}, and any other OpenID Connect issuer (Keycloak,
 * Auth0, Okta, a company's identity server) from {@code OIDC_ISSUER}/{@code OIDC_CLIENT_ID}/{@code OIDC_CLIENT_SECRET}
 * (optional {@code OIDC_PROVIDER_ID}, default {@code oidc}, and {@code OIDC_PROVIDER_NAME}, default "Single sign-on"),
 * each with the redirect URIs of
 * {@code OIDC_REDIRECT_URIS} (comma-separated; default the web client's {@code <WEB_BASE_URL>/auth/callback}).
 */
final class AccountSettings {
    private AccountSettings() {}

    static List<String> subgraphArgs(Map<String, String> env) {
        List<String> args = new ArrayList<>();
        String web = env.getOrDefault("WEB_BASE_URL", "http://localhost:" + env.getOrDefault("WEB_PORT", "4080")).replaceAll("/+$", "");
        args.add("--shop.accounts.verify-email-url=" + web + "/verify-email?token={token}");
        args.add("--shop.accounts.reset-password-url=" + web + "/reset-password?token={token}");
        args.add("--shop.orders.require-verified-email=" + bool(env, "REQUIRE_VERIFIED_EMAIL", false));
        args.add("--shop.notifications.log-account-links=" + bool(env, "LOG_ACCOUNT_LINKS", true));
        args.addAll(providerArgs(env, web));
        return args;
    }

    /** The sign-in providers whose settings the environment has, as {@code shop.oidc.providers[n].*} arguments. */
    static List<String> providerArgs(Map<String, String> env, String web) {
        List<String> args = new ArrayList<>();
        String redirects = env.getOrDefault("OIDC_REDIRECT_URIS", web + "/auth/callback");
        int n = 0;
        if (present(env, "OIDC_GOOGLE_CLIENT_ID", "OIDC_GOOGLE_CLIENT_SECRET")) {
            add(args, n++, Map.of("id", "google", "name", "Google", "issuer", "https://accounts.google.com",
                    "client-id", env.get("OIDC_GOOGLE_CLIENT_ID"), "client-secret", env.get("OIDC_GOOGLE_CLIENT_SECRET")), redirects);
        }
        if (present(env, "OIDC_MICROSOFT_TENANT", "OIDC_MICROSOFT_CLIENT_ID", "OIDC_MICROSOFT_CLIENT_SECRET")) {
            add(args, n++, Map.of("id", "microsoft", "name", "Microsoft",
                    "issuer", "https://login.microsoftonline.com/" + env.get("OIDC_MICROSOFT_TENANT").trim() + "/v2.0",
                    "client-id", env.get("OIDC_MICROSOFT_CLIENT_ID"), "client-secret", env.get("OIDC_MICROSOFT_CLIENT_SECRET"),
                    "email-verified-claim", env.getOrDefault("OIDC_MICROSOFT_EMAIL_VERIFIED_CLAIM", "xms_edov")), redirects);
        }
        if (present(env, "OIDC_YANDEX_CLIENT_ID", "OIDC_YANDEX_CLIENT_SECRET")) {
            add(args, n++, Map.of("id", "yandex", "name", "Yandex ID", "type", "yandex",
                    "client-id", env.get("OIDC_YANDEX_CLIENT_ID"), "client-secret", env.get("OIDC_YANDEX_CLIENT_SECRET")), redirects);
        }
        if (present(env, "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")) {
            add(args, n++, Map.of("id", env.getOrDefault("OIDC_PROVIDER_ID", "oidc"),
                    "name", env.getOrDefault("OIDC_PROVIDER_NAME", "Single sign-on"), "issuer", env.get("OIDC_ISSUER"),
                    "client-id", env.get("OIDC_CLIENT_ID"), "client-secret", env.get("OIDC_CLIENT_SECRET")), redirects);
        }
        return args;
    }

    /** All of these variables set: true; none: false; some: a configuration mistake, refused with a clear message. */
    private static boolean present(Map<String, String> env, String... names) {
        long set = java.util.Arrays.stream(names).filter(v -> env.get(v) != null && !env.get(v).isBlank()).count();
        if (set != 0 && set != names.length) {
            throw new IllegalArgumentException("set all of " + String.join(", ", names) + " (or none of them) to configure that sign-in provider");
        }
        return set == names.length;
    }

    private static void add(List<String> args, int index, Map<String, String> values, String redirects) {
        String prefix = "--shop.oidc.providers[" + index + "].";
        new java.util.TreeMap<>(values).forEach((k, v) -> args.add(prefix + k + "=" + v.trim()));
        args.add(prefix + "redirect-uris=" + redirects);
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return fallback;
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + v + "'");
        };
    }
}
