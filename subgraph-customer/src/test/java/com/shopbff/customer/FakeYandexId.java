package com.shopbff.customer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Yandex ID's OAuth as its documentation describes it, on a local port: {@code /authorize} (the user has consented:
 * redirects back with a code), {@code /token} (authorization code + PKCE S256 + client secret in the form → an opaque
 * access token) and {@code /info?format=json} ({@code Authorization: OAuth <token>} → {@code id}, {@code client_id},
 * {@code default_email}, {@code real_name}). No ID token and no discovery: what makes Yandex not OpenID Connect.
 */
final class FakeYandexId implements AutoCloseable {
    static final String CLIENT_ID = "yandex-client";
    static final String CLIENT_SECRET = "yandex-secret";

    record User(String id, String email, String name) {}

    private record Grant(User user, String challenge, String redirectUri) {}

    private final HttpServer server;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, User> tokens = new ConcurrentHashMap<>();
    private volatile User next;
    private volatile String infoClientId = CLIENT_ID;

    FakeYandexId() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/info", this::info);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Who consents at the next authorization. */
    void nextUser(User user) {
        this.next = user;
    }

    /** The user-info API reports tokens as issued to this client (another app's token, for the test of that). */
    void answerAsClient(String clientId) {
        this.infoClientId = clientId;
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"S256".equals(q.get("code_challenge_method")) || next == null) {
            send(ex, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(next, q.get("code_challenge"), q.get("redirect_uri")));
        ex.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        boolean client = CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
        if (grant == null || !client || !"authorization_code".equals(form.get("grant_type"))
                || !s256(form.getOrDefault("code_verifier", "")).equals(grant.challenge()) || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Code has expired\"}");
            return;
        }
        String token = "y0_" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, grant.user());
        send(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":31536000}");
    }

    private void info(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        User u = auth != null && auth.startsWith("OAuth ") ? tokens.get(auth.substring(6)) : null;
        if (u == null) {
            send(ex, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        send(ex, 200, "{\"id\":\"" + u.id() + "\",\"login\":\"" + u.email().split("@")[0] + "\",\"client_id\":\"" + infoClientId
                + "\",\"default_email\":\"" + u.email() + "\",\"emails\":[\"" + u.email() + "\"],\"real_name\":\"" + u.name()
                + "\",\"display_name\":\"" + u.name() + "\",\"psuid\":\"1.x\"}");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) return Map.of();
        return Arrays.stream(raw.split("&")).map(p -> p.split("=", 2)).filter(p -> p.length == 2)
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8), (a, b) -> a));
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static URI uri(String s) {
        return URI.create(s);
    }
}
