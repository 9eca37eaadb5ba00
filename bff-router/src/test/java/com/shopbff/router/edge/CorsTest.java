package com.shopbff.router.edge;

import com.shopbff.router.edge.cors.CorsConfig;
import com.shopbff.router.support.RouterClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** CORS over real HTTP: preflights answered or refused, actual responses carry headers only for allowed origins. */
class CorsTest {
    static EdgeStack stack;

    @BeforeAll
    static void start() {
        stack = new EdgeStack(EdgeConfig.DEFAULTS.withCors(CorsConfig.NONE
                .withOrigins(List.of("http://localhost:4080"))
                .withOriginPatterns(List.of("https://[a-z0-9-]+\\.shop\\.example"))
                .withCredentials(true)));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static RouterClient.Result preflight(String origin, String method, String headers) {
        return stack.client.raw("OPTIONS", "/graphql", null, Map.of("origin", origin,
                "access-control-request-method", method, "access-control-request-headers", headers));
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredWithTheAllowedMethodsHeadersAndMaxAge() {
        RouterClient.Result r = preflight("http://localhost:4080", "POST", "content-type, authorization");
        assertEquals(204, r.status());
        assertEquals("http://localhost:4080", r.header("access-control-allow-origin"));
        assertEquals("true", r.header("access-control-allow-credentials"));
        assertTrue(r.header("access-control-allow-methods").contains("POST"));
        assertTrue(r.header("access-control-allow-headers").contains("authorization"));
        assertEquals("600", r.header("access-control-max-age"));
        assertEquals("Origin", r.header("vary"));
    }

    @Test
    void preflightFromAnOriginMatchingAPatternIsAllowed() {
        RouterClient.Result r = preflight("https://admin-2.shop.example", "POST", "content-type");
        assertEquals(204, r.status());
        assertEquals("https://admin-2.shop.example", r.header("access-control-allow-origin"));
    }

    @Test
    void preflightFromAnotherOriginIsRefusedWithoutCorsHeadersAndRunsNothing() {
        int before = stack.upstreamRequests();
        for (String origin : List.of("https://evil.example", "http://localhost:4081", "https://x.shop.example.evil.example",
                "null")) {
            RouterClient.Result r = preflight(origin, "POST", "content-type");
            assertEquals(403, r.status(), origin);
            assertNull(r.header("access-control-allow-origin"), origin);
            assertNull(r.header("access-control-allow-methods"), origin);
            assertEquals("CORS_REJECTED", r.at("errors.0.extensions.code"));
        }
        assertEquals(before, stack.upstreamRequests());
    }

    @Test
    void preflightAskingForAMethodOrHeaderNotAllowedIsRefused() {
        assertEquals(403, preflight("http://localhost:4080", "DELETE", "content-type").status());
        RouterClient.Result r = preflight("http://localhost:4080", "POST", "content-type, x-secret");
        assertEquals(403, r.status());
        assertNull(r.header("access-control-allow-origin"));
        assertTrue(String.valueOf(r.at("errors.0.message")).contains("x-secret"));
    }

    @Test
    void responsesToAnAllowedOriginCarryCorsHeadersAndOthersDoNot() {
        RouterClient.Result ok = stack.client.postJson("{\"query\":\"{ hello }\"}", Map.of("origin", "http://localhost:4080"));
        assertEquals(200, ok.status());
        assertEquals("http://localhost:4080", ok.header("access-control-allow-origin"));
        assertEquals("true", ok.header("access-control-allow-credentials"));
        assertEquals("retry-after", ok.header("access-control-expose-headers"));
        RouterClient.Result other = stack.client.postJson("{\"query\":\"{ hello }\"}", Map.of("origin", "https://evil.example"));
        assertNull(other.header("access-control-allow-origin"));
        // errors too carry the headers, so that a browser app can read them
        RouterClient.Result bad = stack.client.postJson("{\"query\":\"{ nope }\"}", Map.of("origin", "http://localhost:4080"));
        assertEquals("http://localhost:4080", bad.header("access-control-allow-origin"));
    }

    @Test
    void credentialsCannotBeCombinedWithAnyOrigin() {
        assertThrows(IllegalArgumentException.class, () -> CorsConfig.NONE.withOrigins(List.of("*")).withCredentials(true));
        assertThrows(IllegalArgumentException.class, () -> CorsConfig.NONE.withOrigins(List.of("http://a.example/")));
    }
}
