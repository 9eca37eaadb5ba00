package com.shopbff.router.edge;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.json.Json;
import com.shopbff.router.support.TestJwks;
import com.shopbff.router.support.TestSubgraph;
import com.shopbff.router.support.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * GraphiQL in a real browser (Debian's headless Chromium driven by playwright-core, nothing but loopback): the page
 * and its assets come from the router, the docs explorer shows the schema, a query runs over HTTP with the token of
 * the headers editor, and a subscription runs over WebSocket with the same token in connection_init (the subgraph
 * sees it and answers with the token's subject). The screenshot is kept in {@code target/graphiql-browser/}.
 */
class GraphiqlBrowserTest {
    static final Path BROWSER_DIR = Path.of("src/test/browser");

    @Test
    void graphiqlRunsAQueryAndASubscriptionWithTheHeadersEditorsToken() throws Exception {
        assertTrue(new File(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")).canExecute(),
                "Chromium is needed at /usr/bin/chromium (apt-get install chromium; .ci/run installs it)");
        installPlaywrightCore();
        Vertx vertx = Vertx.vertx();
        try (TestJwks jwks = new TestJwks()) {
            TestSubgraph queries = EdgeStackSubgraphs.shop();
            TestSubgraph reviews = EdgeStackSubgraphs.reviews();
            HttpServer shop = shopWithSubscriptions(vertx, queries);
            Router router = Router.start(RouterConfig.of(EdgeStack.SUPERGRAPH, 0).withJwksUrl(jwks.url())
                    .withSubgraphUrls(Map.of("shop", "http://127.0.0.1:" + shop.actualPort() + "/graphql",
                            "reviews", reviews.url())).withEdge(EdgeConfig.DEFAULTS));
            try {
                Path shots = Path.of("target/graphiql-browser");
                Files.createDirectories(shots);
                ProcessBuilder pb = new ProcessBuilder("node", BROWSER_DIR.resolve("graphiql.mjs").toString(),
                        "http://127.0.0.1:" + router.port(), jwks.bearer("u1", Map.of()), shots.toString())
                        .redirectErrorStream(true);
                Process p = pb.start();
                boolean done = p.waitFor(180, TimeUnit.SECONDS);
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!done) p.destroyForcibly();
                System.out.println(out);
                assertTrue(done, "the browser test did not finish in 180 s: " + out);
                assertEquals(0, p.exitValue(), out);
                assertTrue(out.contains("GRAPHIQL BROWSER TEST PASSED"), out);
                assertTrue(Files.size(shots.resolve("graphiql-subscription.png")) > 10_000, "a screenshot was kept");
            } finally {
                router.close();
                queries.close();
                reviews.close();
            }
        } finally {
            WsTestClient.closeQuietly(vertx);
        }
    }

    /** playwright-core from npm (package-lock.json), installed once next to the script. */
    private static void installPlaywrightCore() throws Exception {
        if (Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) return;
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(BROWSER_DIR.toFile()).redirectErrorStream(true).start();
        assertTrue(npm.waitFor(300, TimeUnit.SECONDS), "npm ci took too long");
        assertEquals(0, npm.exitValue(), new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * The shop subgraph on one port for both transports, as the router expects: HTTP POSTs go to the graphql-java
     * subgraph, WebSocket (graphql-transport-ws) serves {@code ticks}: 1, 2, 3, each naming the subject of the token
     * that came in connection_init.
     */
    static HttpServer shopWithSubscriptions(Vertx vertx, TestSubgraph queries) throws Exception {
        HttpClient http = vertx.createHttpClient();
        java.net.URI target = java.net.URI.create(queries.url());
        return vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of("graphql-transport-ws")))
                .webSocketHandler(ws -> {
                    String[] viewer = {null};
                    ws.textMessageHandler(text -> {
                        Map<?, ?> m = (Map<?, ?>) Json.parse(text);
                        switch (String.valueOf(m.get("type"))) {
                            case "connection_init" -> {
                                Object auth = m.get("payload") instanceof Map<?, ?> p ? p.get("Authorization") : null;
                                viewer[0] = subject(auth);
                                ws.writeTextMessage("{\"type\":\"connection_ack\"}");
                            }
                            case "subscribe" -> {
                                Object id = m.get("id");
                                for (int n = 1; n <= 3; n++) {
                                    int tick = n;
                                    vertx.setTimer(200L * n, t -> {
                                        if (ws.isClosed()) return;
                                        Map<String, Object> tickValue = new java.util.LinkedHashMap<>();
                                        tickValue.put("n", tick);
                                        tickValue.put("viewer", viewer[0]);
                                        ws.writeTextMessage(Json.writeString(Map.of("type", "next", "id", id,
                                                "payload", Map.of("data", Map.of("ticks", tickValue)))));
                                        if (tick == 3) ws.writeTextMessage(Json.writeString(Map.of("type", "complete", "id", id)));
                                    });
                                }
                            }
                            case "ping" -> ws.writeTextMessage("{\"type\":\"pong\"}");
                            default -> { }
                        }
                    });
                })
                .requestHandler(req -> req.body().onSuccess(body -> http.request(new RequestOptions()
                                .setMethod(HttpMethod.POST).setHost(target.getHost()).setPort(target.getPort())
                                .setURI(target.getPath()).putHeader("content-type", "application/json"))
                        .compose(r -> r.send(body).compose(resp -> resp.body()))
                        .onComplete(ar -> req.response().putHeader("content-type", "application/json")
                                .end(ar.succeeded() ? ar.result() : Buffer.buffer("{\"errors\":[{\"message\":\"proxy\"}]}")))))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    /** The {@code sub} of a bearer token (the signature was checked by the router). */
    static String subject(Object authorization) {
        if (!(authorization instanceof String s) || !s.startsWith("Bearer ")) return null;
        String[] parts = s.substring(7).split("\\.");
        if (parts.length < 2) return null;
        Map<?, ?> claims = (Map<?, ?>) Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return (String) claims.get("sub");
    }
}
