package com.shopbff.router.edge;

import com.shopbff.router.edge.explorer.ExplorerConfig;
import com.shopbff.router.support.RouterClient;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Introspection and explorer switches, batching, and Cache-Control of GET responses, over real HTTP. */
class EdgeSwitchesTest {
    private static String get(String query) {
        return "/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void productionProfileSwitchesOffIntrospectionAndGraphiqlButKeepsTypename() {
        try (EdgeStack s = new EdgeStack(EdgeConfig.PRODUCTION)) {
            RouterClient.Result r = s.client.post("{ __schema { queryType { name } } }");
            assertEquals("INTROSPECTION_DISABLED", r.at("errors.0.extensions.code"));
            assertEquals("INTROSPECTION_DISABLED", s.client.post("{ __type(name: \"Query\") { name } }").at("errors.0.extensions.code"));
            assertEquals("{\"data\":{\"__typename\":\"Query\"}}", s.client.post("{ __typename }").body());
            assertEquals(404, s.client.raw("GET", "/graphiql", null, Map.of()).status());
            assertEquals(404, s.client.raw("GET", "/graphiql/assets/graphiql.js", null, Map.of()).status());
            RouterClient.Result landing = s.client.raw("GET", "/", null, Map.of());
            assertEquals(200, landing.status());
            assertFalse(landing.body().contains("href=\"/graphiql\""));
        }
        try (EdgeStack dev = new EdgeStack(EdgeConfig.DEFAULTS)) {
            assertEquals("Query", dev.client.post("{ __schema { queryType { name } } }").at("data.__schema.queryType.name"));
        }
        try (EdgeStack noLanding = new EdgeStack(EdgeConfig.DEFAULTS.withExplorer(new ExplorerConfig(true, true, false)))) {
            assertNotEquals(200, noLanding.client.raw("GET", "/", null, Map.of()).status());
        }
    }

    @Test
    void batchingAnswersAnArrayInOrderUpToItsMaximum() {
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS.withBatching(new BatchingConfig(true, 3)))) {
            RouterClient.Result r = s.client.postJson("[{\"query\":\"{ hello }\"},{\"query\":\"{ nope }\"},"
                    + "{\"query\":\"query($id: ID!) { product(id: $id) { name } }\",\"variables\":{\"id\":\"2\"}}]", Map.of());
            assertEquals(200, r.status());
            List<?> answers = (List<?>) com.shopbff.router.json.Json.parse(r.body());
            assertEquals(3, answers.size());
            assertEquals(Map.of("data", Map.of("hello", "world")), answers.get(0));
            assertTrue(String.valueOf(answers.get(1)).contains("GRAPHQL_VALIDATION_FAILED"));
            assertEquals(Map.of("data", Map.of("product", Map.of("name", "Product 2"))), answers.get(2));
            RouterClient.Result tooMany = s.client.postJson("[{\"query\":\"{ hello }\"},{\"query\":\"{ hello }\"},"
                    + "{\"query\":\"{ hello }\"},{\"query\":\"{ hello }\"}]", Map.of());
            assertEquals(400, tooMany.status());
            assertEquals("BATCH_TOO_LARGE", tooMany.at("errors.0.extensions.code"));
            assertEquals("BAD_REQUEST", s.client.postJson("[]", Map.of()).at("errors.0.extensions.code"));
        }
        try (EdgeStack off = new EdgeStack(EdgeConfig.DEFAULTS)) {
            assertEquals("BATCHING_NOT_SUPPORTED", off.client.postJson("[{\"query\":\"{ hello }\"}]", Map.of())
                    .at("errors.0.extensions.code"));
        }
    }

    @Test
    void getResponsesCarryCacheControlFromHintsElseNoStoreWhenSignedIn() {
        try (EdgeStack s = new EdgeStack(EdgeConfig.DEFAULTS)) {
            assertEquals("public, max-age=60", s.client.raw("GET", get("{ hello }"), null, Map.of()).header("cache-control"));
            // Product @cacheControl(maxAge: 120) under product @cacheControl(maxAge: 30): the smaller wins
            assertEquals("public, max-age=30", s.client.raw("GET", get("{ product(id: \"1\") { id name } }"), null, Map.of())
                    .header("cache-control"));
            // a root field without a hint: not cacheable
            assertEquals("no-store", s.client.raw("GET", get("{ hello expensive }"), null, Map.of()).header("cache-control"));
            String token = s.jwks.bearer("u1", Map.of());
            assertEquals("private, max-age=10", s.client.raw("GET", get("{ me { id name } }"), null,
                    Map.of("authorization", token)).header("cache-control"));
            assertEquals("private, max-age=60", s.client.raw("GET", get("{ hello }"), null,
                    Map.of("authorization", token)).header("cache-control"));
            assertNull(s.client.post("{ hello }").header("cache-control"), "POST responses carry none");
        }
    }
}
