package com.shopbff.router.edge.explorer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * The router's pages: GraphiQL at {@code /graphiql} (its JavaScript and CSS bundled into the jar at build time from
 * npm {@code graphiql}, {@code react}, {@code react-dom}, {@code graphql-ws}: no CDN) and a landing page at
 * {@code GET /}. Assets are read from the classpath once and served with an ETag.
 */
public final class Explorer {
    private static final String ASSETS = "/com/shopbff/router/edge/explorer/assets/";
    private static final Map<String, String> TYPES = Map.of("graphiql.js", "text/javascript; charset=utf-8",
            "graphiql.css", "text/css; charset=utf-8", "graphiql.js.LEGAL.txt", "text/plain; charset=utf-8");
    private final ExplorerConfig config;
    private final Map<String, Asset> assets;

    record Asset(Buffer bytes, String type, String etag) {
    }

    public Explorer(ExplorerConfig config) {
        this.config = config;
        this.assets = config.graphiql() ? load() : Map.of();
        if (config.graphiql() && assets.isEmpty()) {
            System.err.println("bff-router: GraphiQL assets are missing from the jar (built with -Dexplorer.skip?); "
                    + "/graphiql shows a notice instead");
        }
    }

    private static Map<String, Asset> load() {
        Map<String, Asset> m = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : TYPES.entrySet()) {
            try (InputStream in = Explorer.class.getResourceAsStream(ASSETS + e.getKey())) {
                if (in == null) continue;
                byte[] b = in.readAllBytes();
                String etag = "\"" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(b), 0, 8) + "\"";
                m.put(e.getKey(), new Asset(Buffer.buffer(b), e.getValue(), etag));
            } catch (IOException | java.security.NoSuchAlgorithmException ex) {
                throw new IllegalStateException("cannot read GraphiQL asset " + e.getKey(), ex);
            }
        }
        return m.containsKey("graphiql.js") && m.containsKey("graphiql.css") ? Map.copyOf(m) : Map.of();
    }

    /**
     * Serves the request when it is for a page or asset of the explorer.
     *
     * @return whether it was (false: the caller goes on routing)
     */
    public boolean handle(HttpServerRequest req) {
        String path = req.path();
        boolean get = req.method().name().equals("GET") || req.method().name().equals("HEAD");
        if (path.equals("/graphiql") || path.equals("/graphiql/")) {
            if (!config.graphiql() || !get) return false;
            html(req.response(), assets.isEmpty() ? MISSING : graphiqlPage());
            return true;
        }
        if (path.startsWith("/graphiql/assets/")) {
            if (!config.graphiql() || !get) return false;
            Asset a = assets.get(path.substring("/graphiql/assets/".length()));
            if (a == null) return false;
            HttpServerResponse r = req.response();
            r.putHeader("etag", a.etag()).putHeader("cache-control", "public, max-age=3600");
            if (a.etag().equals(req.getHeader("if-none-match"))) {
                r.setStatusCode(304).end();
                return true;
            }
            r.putHeader("content-type", a.type()).putHeader("x-content-type-options", "nosniff").end(a.bytes());
            return true;
        }
        if (path.equals("/") && get && config.landingPage() && req.getParam("query") == null
                && req.getParam("extensions") == null && req.getParam("documentId") == null) {
            html(req.response(), landingPage());
            return true;
        }
        return false;
    }

    private static void html(HttpServerResponse r, String page) {
        r.putHeader("content-type", "text/html; charset=utf-8").putHeader("x-content-type-options", "nosniff")
                .putHeader("cache-control", "no-cache").end(Buffer.buffer(page.getBytes(StandardCharsets.UTF_8)));
    }

    private String graphiqlPage() {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8"/>
                  <meta name="viewport" content="width=device-width, initial-scale=1"/>
                  <title>GraphiQL - bff-router</title>
                  <link rel="stylesheet" href="/graphiql/assets/graphiql.css"/>
                  <style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
                </head>
                <body>
                  <div id="graphiql" data-endpoint="/graphql">Loading GraphiQL…</div>
                  <script src="/graphiql/assets/graphiql.js"></script>
                </body>
                </html>
                """;
    }

    private static final String MISSING = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"/><title>GraphiQL - bff-router</title></head>
            <body><p>GraphiQL's assets are not in this build of the router (it was built with -Dexplorer.skip).
            The GraphQL endpoint is <code>/graphql</code>.</p></body></html>
            """;

    private String landingPage() {
        String explorer = config.graphiql()
                ? "<p><a href=\"/graphiql\">Open GraphiQL</a>: explore the schema (docs), run queries and mutations, "
                + "and subscriptions (the <code>Authorization</code> header of the headers tab also signs in the "
                + "WebSocket).</p>"
                : "<p>The explorer is switched off on this router.</p>";
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8"/>
                  <meta name="viewport" content="width=device-width, initial-scale=1"/>
                  <title>bff-router</title>
                  <style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
                  code{background:#f2f2f2;padding:0 .25rem;border-radius:3px}</style>
                </head>
                <body>
                  <h1>bff-router</h1>
                  <p>The GraphQL endpoint is <code>/graphql</code>: queries and mutations over HTTP (POST, or GET for
                  queries), subscriptions over WebSocket (<code>graphql-transport-ws</code>) on the same path.</p>
                  %s
                  <p>Health: <a href="/health"><code>/health</code></a></p>
                </body>
                </html>
                """.formatted(explorer);
    }
}
