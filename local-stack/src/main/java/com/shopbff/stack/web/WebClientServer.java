package com.shopbff.stack.web;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Serves the built web clients (module {@code web}: the storefront at {@code /}, the admin console at
 * {@code /admin/}) on their own port, so that the browser talks to the router's API on another origin, as in
 * production behind a CDN. Also answers {@code /config.json}, the clients' run-time configuration (where the API is).
 *
 * <p>Client-side routes fall back to their app's {@code index.html}; hashed files under {@code /assets/} are cached
 * for a year, everything else is revalidated. Only GET and HEAD, only files under the root.
 */
public final class WebClientServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final Vertx vertx;
    private final HttpServer server;
    private final Path root;
    private final String configJson;
    private final String contentSecurityPolicy;

    private WebClientServer(Vertx vertx, HttpServer server, Path root, WebClientSettings settings) {
        this.vertx = vertx;
        this.server = server;
        this.root = root;
        this.configJson = settings.configJson();
        this.contentSecurityPolicy = settings.contentSecurityPolicy();
    }

    /** Starts serving {@code settings.dir()} on {@code settings.port()}; fails when the directory holds no build. */
    public static WebClientServer start(WebClientSettings settings) {
        Path root = settings.dir().toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("index.html")) || !Files.isRegularFile(root.resolve("admin/index.html"))) {
            throw new IllegalStateException("no web client build in " + root + " (build it with: mvn -pl web install)");
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        HttpServer server = vertx.createHttpServer();
        WebClientServer web = new WebClientServer(vertx, server, root, settings);
        server.requestHandler(web::handle);
        try {
            server.listen(settings.port()).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the web clients cannot listen on port " + settings.port() + ": " + e.getMessage(), e);
        }
        return web;
    }

    public int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest req) {
        HttpServerResponse res = req.response();
        res.putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer");
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            res.setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
            return;
        }
        String path;
        try {
            path = URI.create(req.path()).normalize().getPath();
        } catch (IllegalArgumentException e) {
            res.setStatusCode(400).end();
            return;
        }
        if (path == null || !path.startsWith("/") || path.contains("..")) {
            res.setStatusCode(400).end();
            return;
        }
        if (path.equals("/config.json")) {
            send(req, 200, "application/json", "no-store", configJson);
            return;
        }
        Path file = root.resolve(path.substring(1)).normalize();
        if (Files.isDirectory(file)) file = file.resolve("index.html");
        if (!file.startsWith(root)) {
            res.setStatusCode(404).end();
            return;
        }
        if (!Files.isRegularFile(file)) {
            // A client-side route (no extension) gets its app's page; a missing file is a 404.
            if (extension(path).isEmpty()) {
                file = path.equals("/admin") || path.startsWith("/admin/") ? root.resolve("admin/index.html") : root.resolve("index.html");
            } else {
                send(req, 404, "text/plain; charset=utf-8", "no-store", "Not found");
                return;
            }
        }
        String type = TYPES.getOrDefault(extension(file.getFileName().toString()), "application/octet-stream");
        res.putHeader("Content-Type", type)
                .putHeader("Cache-Control", path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        if (type.startsWith("text/html")) res.putHeader("Content-Security-Policy", contentSecurityPolicy);
        if (req.method() == HttpMethod.HEAD) {
            try {
                res.putHeader("Content-Length", Long.toString(Files.size(file))).end();
            } catch (java.io.IOException e) {
                res.setStatusCode(500).end();
            }
            return;
        }
        res.sendFile(file.toString()).onFailure(e -> {
            if (!res.headWritten()) res.setStatusCode(500).end();
        });
    }

    private static void send(HttpServerRequest req, int status, String type, String cache, String body) {
        HttpServerResponse res = req.response().setStatusCode(status).putHeader("Content-Type", type).putHeader("Cache-Control", cache);
        if (req.method() == HttpMethod.HEAD) res.putHeader("Content-Length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)).end();
        else res.end(body);
    }

    private static String extension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    @Override
    public void close() {
        try {
            server.close().await(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        } finally {
            vertx.close();
        }
    }
}
