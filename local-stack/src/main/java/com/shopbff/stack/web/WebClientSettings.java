package com.shopbff.stack.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Where the web clients are served from and what they are told about the API (see README, "Configuration").
 *
 * @param port                 WEB_PORT (default 4080)
 * @param dir                  WEB_DIR: the Vite build (default web/target/dist)
 * @param apiUrl               WEB_API_URL: the router's GraphQL endpoint as the browser reaches it
 *                             (default http://localhost:ROUTER_PORT/graphql)
 * @param persistedOperations  WEB_PERSISTED_OPERATIONS: none | apq | trusted (what the clients send; the router
 *                             must accept it); default trusted when the router has the web build's manifest
 *                             (see {@link #from(Map, int, Path)}), else none
 * @param subscriptions        WEB_SUBSCRIPTIONS: ws (graphql-transport-ws, default) | sse (graphql-sse)
 */
public record WebClientSettings(int port, Path dir, String apiUrl, String persistedOperations, String subscriptions) {
    private static final Set<String> MODES = Set.of("none", "apq", "trusted");
    private static final Set<String> TRANSPORTS = Set.of("ws", "sse");

    public WebClientSettings {
        if (!MODES.contains(persistedOperations)) {
            throw new IllegalArgumentException("WEB_PERSISTED_OPERATIONS must be none, apq or trusted, not '" + persistedOperations + "'");
        }
        if (!TRANSPORTS.contains(subscriptions)) {
            throw new IllegalArgumentException("WEB_SUBSCRIPTIONS must be ws or sse, not '" + subscriptions + "'");
        }
        URI api = URI.create(apiUrl);
        if (!"http".equals(api.getScheme()) && !"https".equals(api.getScheme())) {
            throw new IllegalArgumentException("WEB_API_URL must be an http(s) URL, not '" + apiUrl + "'");
        }
    }

    /** The web build's trusted-documents manifest, which the local stack's router loads (RouterLauncher). */
    public static final Path MANIFEST = Path.of("web/target/persisted-documents.json");

    public static WebClientSettings from(Map<String, String> env, int routerPort) {
        return from(env, routerPort, MANIFEST);
    }

    /**
     * The settings from the environment. The clients send trusted documents by id, as in production, when the router
     * loads the web build's manifest ({@code manifest} exists and ROUTER_TRUSTED_DOCUMENTS does not name another);
     * otherwise the document text.
     */
    static WebClientSettings from(Map<String, String> env, int routerPort, Path manifest) {
        String mode = env.containsKey("ROUTER_TRUSTED_DOCUMENTS") || !Files.isReadable(manifest) ? "none" : "trusted";
        String port = env.getOrDefault("WEB_PORT", "4080").trim();
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("WEB_PORT must be a port number, not '" + port + "'");
        }
        return new WebClientSettings(p, Path.of(env.getOrDefault("WEB_DIR", "web/target/dist")),
                env.getOrDefault("WEB_API_URL", "http://localhost:" + routerPort + "/graphql"),
                env.getOrDefault("WEB_PERSISTED_OPERATIONS", mode), env.getOrDefault("WEB_SUBSCRIPTIONS", "ws"));
    }

    /** The clients' /config.json. */
    String configJson() {
        return "{\"apiUrl\":\"" + jsonEscape(apiUrl) + "\",\"persistedOperations\":\"" + persistedOperations
                + "\",\"subscriptions\":\"" + subscriptions + "\"}";
    }

    /**
     * Scripts, styles and fonts from this origin only; requests to the API's origin (HTTP and WebSocket); product
     * images from anywhere (the catalog stores image URLs). Inline styles: the chart library sets them.
     */
    String contentSecurityPolicy() {
        URI api = URI.create(apiUrl);
        String origin = api.getScheme() + "://" + api.getAuthority();
        String ws = ("https".equals(api.getScheme()) ? "wss://" : "ws://") + api.getAuthority();
        return "default-src 'self'; connect-src 'self' " + origin + " " + ws + "; img-src * data:; "
                + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
