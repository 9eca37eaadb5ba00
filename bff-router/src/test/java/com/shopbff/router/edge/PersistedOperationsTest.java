package com.shopbff.router.edge;

import com.shopbff.router.edge.persisted.PersistedConfig;
import com.shopbff.router.edge.persisted.Sha256;
import com.shopbff.router.json.Json;
import com.shopbff.router.support.RouterClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Automatic Persisted Queries and trusted documents over real HTTP. */
class PersistedOperationsTest {
    static final String HELLO = "query Hello { hello }";
    static final String PRODUCT = "query Product($id: ID!) { product(id: $id) { id name } }";

    private static String apq(String hash, String query) {
        String ext = "\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
        return query == null ? "{" + ext + "}" : "{\"query\":" + Json.writeString(query) + "," + ext + "}";
    }

    @Test
    void apqRoundTripHashOnlyIsNotFoundThenHashAndTextRegistersThenHashOnlyRunsAlsoOverGet() {
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS)) {
            String hash = Sha256.hex(HELLO);
            RouterClient.Result miss = s.client.postJson(apq(hash, null), Map.of());
            assertEquals(200, miss.status());
            assertEquals("PERSISTED_QUERY_NOT_FOUND", miss.at("errors.0.extensions.code"));
            assertEquals("PersistedQueryNotFound", miss.at("errors.0.message"));
            assertEquals(0, s.upstreamRequests());

            RouterClient.Result register = s.client.postJson(apq(hash, HELLO), Map.of());
            assertEquals("{\"data\":{\"hello\":\"world\"}}", register.body());

            RouterClient.Result hit = s.client.postJson(apq(hash, null), Map.of());
            assertEquals("{\"data\":{\"hello\":\"world\"}}", hit.body());

            String ext = URLEncoder.encode("{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}", StandardCharsets.UTF_8);
            RouterClient.Result get = s.client.raw("GET", "/graphql?extensions=" + ext, null, Map.of());
            assertEquals(200, get.status());
            assertEquals("{\"data\":{\"hello\":\"world\"}}", get.body());
        }
    }

    @Test
    void apqWithAHashThatDoesNotMatchTheTextIsRefusedAndNotStored() {
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS)) {
            String wrong = Sha256.hex("{ expensive }");
            RouterClient.Result r = s.client.postJson(apq(wrong, HELLO), Map.of("accept", "application/graphql-response+json"));
            assertEquals(400, r.status());
            assertEquals("PERSISTED_QUERY_HASH_MISMATCH", r.at("errors.0.extensions.code"));
            assertEquals("PERSISTED_QUERY_NOT_FOUND", s.client.postJson(apq(wrong, null), Map.of()).at("errors.0.extensions.code"));
            assertEquals(0, s.upstreamRequests());
        }
    }

    @Test
    void apqCanBeSwitchedOff() {
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withPersisted(PersistedConfig.DEFAULTS.withApq(false)))) {
            RouterClient.Result r = s.client.postJson(apq(Sha256.hex(HELLO), null), Map.of());
            assertEquals("PERSISTED_QUERY_NOT_SUPPORTED", r.at("errors.0.extensions.code"));
            assertEquals("PersistedQueryNotSupported", r.at("errors.0.message"));
        }
    }

    @Test
    void trustedDocumentsEnforcedRunOnlyListedOperationsFromEitherManifestFormat(@TempDir Path dir) throws Exception {
        Path apollo = dir.resolve("apollo.json");
        Files.writeString(apollo, Json.writeString(Map.of("format", "apollo-persisted-query-manifest", "version", 1,
                "operations", List.of(Map.of("id", "hello-v1", "name", "Hello", "type", "query", "body", HELLO)))));
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withPersisted(PersistedConfig.DEFAULTS
                .withManifest(apollo, PersistedConfig.Mode.ENFORCE)))) {
            assertEquals("{\"data\":{\"hello\":\"world\"}}", s.client.postJson("{\"documentId\":\"hello-v1\"}", Map.of()).body());
            assertEquals("{\"data\":{\"hello\":\"world\"}}", s.client.postJson("{\"id\":\"hello-v1\"}", Map.of()).body());
            // the listed text itself is allowed too
            assertEquals("{\"data\":{\"hello\":\"world\"}}", s.client.post(HELLO).body());
            int before = s.upstreamRequests();
            RouterClient.Result refused = s.client.postJson("{\"query\":\"{ expensive }\"}",
                    Map.of("accept", "application/graphql-response+json"));
            assertEquals(400, refused.status());
            assertEquals("QUERY_NOT_IN_SAFELIST", refused.at("errors.0.extensions.code"));
            RouterClient.Result unknown = s.client.postJson("{\"documentId\":\"nope\"}", Map.of());
            assertEquals("PERSISTED_QUERY_NOT_IN_LIST", unknown.at("errors.0.extensions.code"));
            // APQ registration would let anything in: it is off while trusted documents are enforced
            RouterClient.Result apq = s.client.postJson(apq(Sha256.hex("{ expensive }"), "{ expensive }"), Map.of());
            assertEquals("QUERY_NOT_IN_SAFELIST", apq.at("errors.0.extensions.code"));
            assertEquals(before, s.upstreamRequests(), "nothing refused reached a subgraph");
        }
        Path codegen = dir.resolve("persisted-documents.json");
        String hash = Sha256.hex(PRODUCT);
        Files.writeString(codegen, Json.writeString(Map.of("sha256:" + hash, PRODUCT))); // keys as the client preset writes them
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withPersisted(PersistedConfig.DEFAULTS
                .withManifest(codegen, PersistedConfig.Mode.ENFORCE).withRequireId(true)))) {
            RouterClient.Result byId = s.client.postJson("{\"documentId\":\"sha256:" + hash + "\",\"variables\":{\"id\":\"7\"}}", Map.of());
            assertEquals("{\"data\":{\"product\":{\"id\":\"7\",\"name\":\"Product 7\"}}}", byId.body());
            // the APQ shape (what urql's and Apollo's persisted-query links send) resolves from the manifest
            RouterClient.Result apqShape = s.client.postJson(apq(hash, null).replace("}}}", "}},\"variables\":{\"id\":\"8\"}}"), Map.of());
            assertEquals("{\"data\":{\"product\":{\"id\":\"8\",\"name\":\"Product 8\"}}}", apqShape.body());
            RouterClient.Result text = s.client.post(PRODUCT, Map.of("id", "1"), Map.of());
            assertEquals("PERSISTED_QUERY_ID_REQUIRED", text.at("errors.0.extensions.code"));
        }
    }

    @Test
    void logOnlyModeRunsUnlistedOperations(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("m.json");
        Files.writeString(m, Json.writeString(Map.of(Sha256.hex(HELLO), HELLO)));
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withPersisted(PersistedConfig.DEFAULTS
                .withManifest(m, PersistedConfig.Mode.LOG)))) {
            assertEquals("{\"data\":{\"expensive\":42}}", s.client.post("{ expensive }").body());
            assertEquals("{\"data\":{\"hello\":\"world\"}}", s.client.postJson("{\"documentId\":\"" + Sha256.hex(HELLO) + "\"}", Map.of()).body());
        }
    }

    @Test
    void aChangedManifestIsReloadedWithoutRestartAndABrokenOneKeepsThePrevious(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("m.json");
        Files.writeString(m, Json.writeString(Map.of("a", HELLO)));
        PersistedConfig p = new PersistedConfig(true, 1 << 20, m, PersistedConfig.Mode.ENFORCE, false, Duration.ofSeconds(1));
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withPersisted(p))) {
            assertEquals("PERSISTED_QUERY_NOT_IN_LIST", s.client.postJson("{\"documentId\":\"b\"}", Map.of()).at("errors.0.extensions.code"));
            Path tmp = dir.resolve("m.json.tmp");
            Files.writeString(tmp, Json.writeString(Map.of("a", HELLO, "b", "{ expensive }")));
            Files.move(tmp, m, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String body = waitFor(() -> s.client.postJson("{\"documentId\":\"b\"}", Map.of()).body(), b -> b.contains("42"));
            assertEquals("{\"data\":{\"expensive\":42}}", body);
            Files.writeString(m, "{ not json");
            Thread.sleep(2500);
            assertEquals("{\"data\":{\"expensive\":42}}", s.client.postJson("{\"documentId\":\"b\"}", Map.of()).body());
        }
    }

    @Test
    void aMissingOrBrokenManifestStopsTheStart(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new EdgeStack(EdgeConfig.DEFAULTS.withPersisted(PersistedConfig.DEFAULTS
                .withManifest(dir.resolve("absent.json"), PersistedConfig.Mode.ENFORCE))).close());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"apollo-persisted-query-manifest\",\"version\":2,\"operations\":[]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EdgeStack(EdgeConfig.DEFAULTS
                .withPersisted(PersistedConfig.DEFAULTS.withManifest(bad, PersistedConfig.Mode.ENFORCE))).close());
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    static String waitFor(java.util.function.Supplier<String> f, java.util.function.Predicate<String> ok) throws InterruptedException {
        String last = null;
        for (int i = 0; i < 100; i++) {
            last = f.get();
            if (ok.test(last)) return last;
            Thread.sleep(100);
        }
        return last;
    }
}
