package com.shopbff.router.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** Bearer tokens are checked against a JWKS served over HTTP; bad tokens never reach a subgraph. */
class JwtValidationTest {
    static HttpServer jwks;
    static final AtomicReference<JWKSet> keys = new AtomicReference<>();
    static final AtomicInteger jwksFetches = new AtomicInteger();
    static ECKey key1;
    static TestSubgraph a;
    static TestSubgraph b;
    static Router router;
    static RouterClient client;

    @BeforeAll
    static void start() throws Exception {
        key1 = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        keys.set(new JWKSet(key1.toPublicJWK()));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", ex -> {
            jwksFetches.incrementAndGet();
            byte[] body = keys.get().toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        jwks.start();
        a = TestSubgraph.builder("type Query { count: Int }").query("count", 1).start();
        b = TestSubgraph.builder("type Query { _b: Int }").start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/mutations.graphql"), 0)
                .withSubgraphUrls(Map.of("a", a.url(), "b", b.url()))
                .withJwksUrl("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks"));
        client = new RouterClient(router.port());
    }

    @AfterAll
    static void stop() {
        router.close();
        a.close();
        b.close();
        jwks.stop(0);
    }

    @BeforeEach
    void clear() {
        a.requests.clear();
        a.headers.clear();
    }

    static String token(ECKey key, Date expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().subject("u1").expirationTime(expires).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static Date inOneHour() {
        return new Date(System.currentTimeMillis() + 3_600_000);
    }

    @Test
    void anonymousRequestsPass() {
        assertEquals("{\"data\":{\"count\":1}}", client.post("{ count }").body());
    }

    @Test
    void validTokenIsForwardedUnchanged() throws Exception {
        String t = token(key1, inOneHour());
        RouterClient.Result r = client.post("{ count }", null, Map.of("authorization", "Bearer " + t));
        assertEquals("{\"data\":{\"count\":1}}", r.body());
        assertEquals("Bearer " + t, a.headers.get(0).get("authorization"));
    }

    @Test
    void expiredTokenIsUnauthenticatedWithoutSubgraphCalls() throws Exception {
        String t = token(key1, new Date(System.currentTimeMillis() - 600_000));
        RouterClient.Result r = client.post("{ count }", null, Map.of("authorization", "Bearer " + t));
        assertEquals(401, r.status());
        assertEquals("UNAUTHENTICATED", r.at("errors.0.extensions.code"));
        assertEquals(List.of(), a.requests);
    }

    @Test
    void tamperedTokenIsUnauthenticated() throws Exception {
        String t = token(key1, inOneHour());
        String[] parts = t.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"admin\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        RouterClient.Result r = client.post("{ count }", null, Map.of("authorization", "Bearer " + forged));
        assertEquals("UNAUTHENTICATED", r.at("errors.0.extensions.code"));
        assertEquals(List.of(), a.requests);
        assertEquals("UNAUTHENTICATED", client.post("{ count }", null, Map.of("authorization", "Bearer garbage"))
                .at("errors.0.extensions.code"));
    }

    @Test
    void rotatedKeyIsPickedUpByRefetchingTheJwksOnAnUnknownKeyId() throws Exception {
        ECKey key2 = new ECKeyGenerator(Curve.P_256).keyID("k2").generate();
        keys.set(new JWKSet(List.of(key1.toPublicJWK(), key2.toPublicJWK())));
        String t = token(key2, inOneHour());
        RouterClient.Result r = client.post("{ count }", null, Map.of("authorization", "Bearer " + t));
        assertEquals("{\"data\":{\"count\":1}}", r.body());
    }
}
