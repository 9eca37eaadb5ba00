package com.shopbff.customer;

import com.jayway.jsonpath.DocumentContext;
import com.nimbusds.jwt.SignedJWT;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.SessionEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.embedded.SharedTestInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ending a session ends its access tokens too: the customer subgraph publishes AccessRevoked on
 * {@code session.revocations} (real broker) and refuses the tokens once its own revocation feed has read it.
 */
class AccessRevocationTest extends CustomerIntegrationTest {
    private static final String SIGN_OUT = "mutation($t: String!) { signOut(refreshToken: $t) { userErrors { code } } }";
    private static final String REFRESH = "mutation($t: String!) { refreshSession(refreshToken: $t) { " + SESSION + " } }";

    private DocumentContext me(String token) {
        return gql("{ me { id } }", Map.of(), token);
    }

    private void awaitRefused(String token) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> codes(me(token)).contains("UNAUTHENTICATED"));
    }

    @Test
    void anAccessTokenCarriesItsSessionIdWhichARefreshKeeps() throws Exception {
        Account a = signUp("sid");
        String sid = SignedJWT.parse(a.accessToken()).getJWTClaimsSet().getStringClaim("sid");
        assertThat(sid).isNotBlank().isEqualTo(a.refreshToken().substring(0, a.refreshToken().indexOf('.')));
        String renewed = gql(REFRESH, Map.of("t", a.refreshToken())).read("$.data.refreshSession.session.accessToken");
        assertThat(SignedJWT.parse(renewed).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(sid);
    }

    @Test
    void signingOutEndsThatSessionsAccessTokensButNotTheOtherSessions() {
        Account a = signUp("signout");
        DocumentContext other = gql("mutation($i: SignInInput!) { signIn(input: $i) { " + SESSION + " } }",
                Map.of("i", Map.of("email", a.email(), "password", PASSWORD)), null, Map.of("X-Forwarded-For", "192.0.2.31"));
        String otherToken = other.read("$.data.signIn.session.accessToken");
        String renewed = gql(REFRESH, Map.of("t", a.refreshToken())).read("$.data.refreshSession.session.refreshToken");
        assertThat((String) me(a.accessToken()).read("$.data.me.id")).isEqualTo(a.id());

        assertThat((List<?>) gql(SIGN_OUT, Map.of("t", renewed)).read("$.data.signOut.userErrors")).isEmpty();

        awaitRefused(a.accessToken());
        assertThat(revocation(a.id(), r -> r.sessionId() != null)).satisfies(r -> {
            assertThat(r.sessionId()).isEqualTo(a.refreshToken().substring(0, a.refreshToken().indexOf('.')));
            assertThat(r.reason()).isEqualTo("SIGNED_OUT");
        });
        assertThat((String) me(otherToken).read("$.data.me.id")).as("the other session").isEqualTo(a.id());
    }

    @Test
    void reusingAReplacedRefreshTokenEndsTheAccessTokensOfThatSessionToo() {
        Account a = signUp("thief");
        gql(REFRESH, Map.of("t", a.refreshToken()));
        assertThat((List<String>) gql(REFRESH, Map.of("t", a.refreshToken())).read("$.data.refreshSession.userErrors[*].code"))
                .containsExactly("REFRESH_TOKEN_REUSED");
        awaitRefused(a.accessToken());
        assertThat(revocation(a.id(), r -> "REUSED".equals(r.reason())).sessionId()).isNotNull();
    }

    @Test
    void erasingTheAccountEndsEveryAccessTokenOfIt() {
        Account a = signUp("erased");
        DocumentContext second = gql("mutation($i: SignInInput!) { signIn(input: $i) { " + SESSION + " } }",
                Map.of("i", Map.of("email", a.email(), "password", PASSWORD)), null, Map.of("X-Forwarded-For", "192.0.2.32"));
        String secondToken = second.read("$.data.signIn.session.accessToken");
        gql("mutation($p: String!) { deleteMyAccount(password: $p) { userErrors { code } } }", Map.of("p", PASSWORD), a.accessToken());
        awaitRefused(a.accessToken());
        awaitRefused(secondToken);
        SessionEvent.AccessRevoked r = revocation(a.id(), x -> x.sessionId() == null);
        assertThat(r.reason()).isEqualTo("ERASED");
    }

    /** Reads session.revocations from the start for a revocation of this subject. */
    static SessionEvent.AccessRevoked revocation(String subject, Predicate<SessionEvent.AccessRevoked> matches) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "revocation-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.SESSION_REVOCATIONS));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (!subject.equals(record.key())) continue;
                    Envelope<?> e = MessageCodec.decode(record.value());
                    if (e.payload() instanceof SessionEvent.AccessRevoked r && matches.test(r)) return r;
                }
            }
        }
        throw new AssertionError("no matching AccessRevoked for " + subject);
    }
}
