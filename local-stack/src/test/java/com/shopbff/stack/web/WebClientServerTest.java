package com.shopbff.stack.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The web clients' static server over real HTTP, on a build laid out as Vite writes it. */
class WebClientServerTest {
    @TempDir
    static Path dist;
    static WebClientServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dist.resolve("index.html"), "<html>storefront</html>");
        Files.createDirectories(dist.resolve("admin"));
        Files.writeString(dist.resolve("admin/index.html"), "<html>admin</html>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/app-1234.js"), "console.log(1)");
        Files.writeString(dist.getParent().resolve("secret.txt"), "secret");
        server = WebClientServer.start(new WebClientSettings(0, dist, "http://localhost:4000/graphql", "trusted", "sse"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clientSideRoutesGetTheirAppsPage() throws Exception {
        assertThat(get("/").body()).isEqualTo("<html>storefront</html>");
        assertThat(get("/orders/42").body()).isEqualTo("<html>storefront</html>");
        assertThat(get("/admin").body()).isEqualTo("<html>admin</html>");
        HttpResponse<String> admin = get("/admin/customers/7");
        assertThat(admin.body()).isEqualTo("<html>admin</html>");
        assertThat(admin.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(admin.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(admin.headers().firstValue("content-security-policy").orElseThrow())
                .contains("connect-src 'self' http://localhost:4000 ws://localhost:4000");
    }

    @Test
    void hashedAssetsAreCachedForAYear() throws Exception {
        HttpResponse<String> js = get("/assets/app-1234.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void aMissingFileIsNotFoundRatherThanAPage() throws Exception {
        assertThat(get("/assets/gone-0000.js").statusCode()).isEqualTo(404);
    }

    @Test
    void nothingOutsideTheBuildIsServed() throws Exception {
        assertThat(get("/../secret.txt").statusCode()).isIn(400, 404);
        assertThat(get("/%2e%2e/secret.txt").statusCode()).isIn(400, 404);
        assertThat(get("/assets/..%2f..%2fsecret.txt").body()).doesNotContain("secret");
    }

    @Test
    void configJsonTellsTheClientsWhereTheApiIs() throws Exception {
        HttpResponse<String> config = get("/config.json");
        assertThat(config.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(config.body()).isEqualTo("{\"apiUrl\":\"http://localhost:4000/graphql\",\"persistedOperations\":\"trusted\",\"subscriptions\":\"sse\"}");
    }

    @Test
    void onlyReadsAreAllowed() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void clientsSendTrustedDocumentIdsWhenTheRouterLoadsTheWebBuildsManifestAndTextOtherwise() throws Exception {
        Path manifest = dist.getParent().resolve("persisted-documents.json");
        Path missing = dist.getParent().resolve("no-manifest.json");
        Files.writeString(manifest, "{}");
        assertThat(WebClientSettings.from(java.util.Map.of(), 4000, manifest).persistedOperations()).isEqualTo("trusted");
        assertThat(WebClientSettings.from(java.util.Map.of(), 4000, missing).persistedOperations()).isEqualTo("none");
        assertThat(WebClientSettings.from(java.util.Map.of("ROUTER_TRUSTED_DOCUMENTS", "/elsewhere.json"), 4000, manifest)
                .persistedOperations()).isEqualTo("none");
        assertThat(WebClientSettings.from(java.util.Map.of("WEB_PERSISTED_OPERATIONS", "apq"), 4000, manifest)
                .persistedOperations()).isEqualTo("apq");
    }

    @Test
    void badSettingsAreRefusedWithTheVariableName() {
        assertThatThrownBy(() -> new WebClientSettings(0, dist, "http://localhost:4000/graphql", "sometimes", "ws"))
                .hasMessageContaining("WEB_PERSISTED_OPERATIONS");
        assertThatThrownBy(() -> new WebClientSettings(0, dist, "http://localhost:4000/graphql", "none", "pigeons"))
                .hasMessageContaining("WEB_SUBSCRIPTIONS");
        assertThatThrownBy(() -> new WebClientSettings(0, dist, "ftp://x/graphql", "none", "ws")).hasMessageContaining("WEB_API_URL");
        assertThatThrownBy(() -> WebClientServer.start(new WebClientSettings(0, dist.resolve("nothing"), "http://localhost:1/graphql", "none", "ws")))
                .hasMessageContaining("no web client build");
    }
}
