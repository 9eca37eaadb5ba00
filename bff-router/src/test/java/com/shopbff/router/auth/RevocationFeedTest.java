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
import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional revocation feed: the router reads a Kafka topic (a real broker) and refuses the access tokens of
 * revoked sessions and subjects with 401 UNAUTHENTICATED, without calling a subgraph.
 */
class RevocationFeedTest {
    static final String TOPIC = "revocations-" + UUID.randomUUID();
    static HttpServer jwks;
    static ECKey key;
    static TestSubgraph a;
    static TestSubgraph b;
    static Router router;
    static RouterClient client;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", ex -> {
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        jwks.start();
        SharedTestInfra.kafka().createTopics(List.of(TOPIC), 2);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        // revoked before the router starts: it must read this one while catching up
        revoke("early", "s-early", Instant.now());
        a = TestSubgraph.builder("type Query { count: Int }").query("count", 1).start();
        b = TestSubgraph.builder("type Query { _b: Int }").start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/mutations.graphql"), 0)
                .withSubgraphUrls(Map.of("a", a.url(), "b", b.url()))
                .withJwksUrl("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks")
                .withRevocation(new RevocationSettings(SharedTestInfra.kafka().bootstrapServers(), TOPIC, Duration.ofMinutes(20))));
        client = new RouterClient(router.port());
    }

    @AfterAll
    static void stop() {
        router.close();
        a.close();
        b.close();
        jwks.stop(0);
        producer.close();
    }

    static String token(String subject, String sid, Instant issuedAt) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(issuedAt))
                .expirationTime(new Date(System.currentTimeMillis() + 900_000));
        if (sid != null) claims.claim("sid", sid);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static void revoke(String subject, String sid, Instant at) throws Exception {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"AccessRevoked\",\"occurredAt\":\"" + at + "\",\"key\":\""
                + subject + "\",\"payload\":{\"subject\":\"" + subject + "\"" + (sid == null ? "" : ",\"sessionId\":\"" + sid + "\"")
                + ",\"revokedAt\":\"" + at + "\",\"reason\":\"SIGNED_OUT\"}}";
        producer.send(new ProducerRecord<>(TOPIC, subject, json.getBytes(StandardCharsets.UTF_8))).get();
    }

    static RouterClient.Result count(String token) {
        return client.post("{ count }", null, Map.of("authorization", "Bearer " + token));
    }

    static boolean refusedWithin(String token, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(token).status() == 401) return true;
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void aSessionRevokedBeforeTheRouterStartedIsRefused() throws Exception {
        RouterClient.Result r = count(token("early", "s-early", Instant.now().minusSeconds(30)));
        assertEquals(401, r.status());
        assertEquals("UNAUTHENTICATED", r.at("errors.0.extensions.code"));
    }

    @Test
    void aSessionRevokedWhileRunningIsRefusedAndOtherSessionsOfTheSubjectStillPass() throws Exception {
        String revoked = token("alice", "s1", Instant.now());
        String other = token("alice", "s2", Instant.now());
        assertEquals("{\"data\":{\"count\":1}}", count(revoked).body(), "valid (and now cached) before the revocation");
        revoke("alice", "s1", Instant.now());
        assertTrue(refusedWithin(revoked, Duration.ofSeconds(10)), "refused after the revocation");
        int before = a.requests.size();
        assertEquals(401, count(revoked).status());
        assertEquals("{\"data\":{\"count\":1}}", count(other).body());
        assertEquals(before + 1, a.requests.size(), "a refused request never reaches the subgraph");
    }

    @Test
    void aSubjectRevocationRefusesEveryTokenIssuedUpToItButNotLaterOnes() throws Exception {
        String old = token("bob", "b1", Instant.now().minusSeconds(60));
        revoke("bob", null, Instant.now().minusSeconds(5));
        assertTrue(refusedWithin(old, Duration.ofSeconds(10)));
        assertEquals("{\"data\":{\"count\":1}}", count(token("bob", "b2", Instant.now().plusSeconds(1))).body());
    }
}
