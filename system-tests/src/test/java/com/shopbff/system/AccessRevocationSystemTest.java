package com.shopbff.system;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, defect 2: signing out (and changing the password, for the other sessions) ends the session's access tokens everywhere — the router and every subgraph
 * (the wallet runs in its own JVM) refuse them once the AccessRevoked message has reached them over Kafka, with no
 * database lookup per request. Prints how long each took (the bar is a second; timings are not asserted).
 */
class AccessRevocationSystemTest {
    private static final SystemStack STACK = SystemStack.get();
    private static final String READ = "{ me { id } myWallet { balance { amount } } myOrders(first: 1) { totalCount } }";

    @Test
    void aSignedOutSessionsAccessTokenIsRefusedByTheRouterAndEverySubgraph() throws Exception {
        String email = "revoked." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode up = STACK.gql.data("mutation($i: SignUpInput!) { signUp(input: $i) { session { accessToken refreshToken } customer { id } userErrors { code } } }",
                Map.of("i", Map.of("email", email, "password", "correct-horse-9", "name", "Revoked")), null).get("signUp");
        String token = up.at("/session/accessToken").asString();
        String refresh = up.at("/session/refreshToken").asString();
        JsonNode before = STACK.gql.call(READ, Map.of(), token);
        assertThat(before.has("errors")).as("the token works before sign-out: %s", before).isFalse();
        assertThat(before.at("/data/me/id").asString()).isEqualTo(up.at("/customer/id").asString());

        Map<String, Gql> subgraphs = new LinkedHashMap<>();
        subgraphs.put("wallet", direct(STACK.stack.settings().walletPort()));
        subgraphs.put("orders", direct(STACK.stack.settings().ordersPort()));
        subgraphs.put("notifications", direct(STACK.stack.settings().notificationsPort()));
        subgraphs.put("customer", direct(STACK.stack.settings().customerPort()));
        Map<String, String> probes = Map.of("wallet", "{ myWallet { balance { amount } } }", "orders", "{ myOrders(first: 1) { totalCount } }",
                "notifications", "{ unreadNotificationCount }", "customer", "{ me { id } }");
        for (var e : subgraphs.entrySet()) {
            assertThat(e.getValue().call(probes.get(e.getKey()), Map.of(), token).has("errors")).as(e.getKey()).isFalse();
        }

        long signedOut = System.nanoTime();
        JsonNode out = STACK.gql.data("mutation($t: String!) { signOut(refreshToken: $t) { userErrors { code } } }", Map.of("t", refresh), null);
        assertThat(out.at("/signOut/userErrors").isEmpty()).isTrue();

        Map<String, java.util.function.Supplier<JsonNode>> targets = new LinkedHashMap<>();
        targets.put("router", () -> STACK.gql.call(READ, Map.of(), token));
        subgraphs.forEach((name, client) -> targets.put(name, () -> client.call(probes.get(name), Map.of(), token)));
        Map<String, Long> refusedAfterMs = awaitRefused(targets, signedOut);
        System.out.println("revocation after sign-out, ms until a request sent then was refused: " + refusedAfterMs
                + " (polled round-robin)");
        JsonNode refused = STACK.gql.call(READ, Map.of(), token);
        assertThat(refused.at("/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(refused.at("/data/myWallet").isMissingNode() || refused.at("/data/myWallet").isNull()).isTrue();
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsAccessTokensButNotTheCallers() throws Exception {
        String email = "pwchange." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String here = STACK.gql.data("mutation($i: SignUpInput!) { signUp(input: $i) { session { accessToken } userErrors { code } } }",
                Map.of("i", Map.of("email", email, "password", "correct-horse-9", "name", "Changes")), null).at("/signUp/session/accessToken").asString();
        String elsewhere = STACK.gql.data("mutation($i: SignInInput!) { signIn(input: $i) { session { accessToken } userErrors { code } } }",
                Map.of("i", Map.of("email", email, "password", "correct-horse-9")), null).at("/signIn/session/accessToken").asString();
        assertThat(STACK.gql.call(READ, Map.of(), elsewhere).has("errors")).as("the other session works before the change").isFalse();

        long changed = System.nanoTime();
        JsonNode change = STACK.gql.data("mutation($i: ChangePasswordInput!) { changePassword(input: $i) { userErrors { code field } } }",
                Map.of("i", Map.of("currentPassword", "correct-horse-9", "newPassword", "battery-staple-10")), here);
        assertThat(change.at("/changePassword/userErrors").isEmpty()).as("%s", change).isTrue();

        long answered = System.nanoTime();
        Map<String, Long> refusedAfterMs = awaitRefused(Map.of("router", () -> STACK.gql.call(READ, Map.of(), elsewhere)), answered);
        System.out.println("revocation after a password change (the mutation took " + (answered - changed) / 1_000_000
                + " ms, bcrypt included), ms from its answer until the other session was refused by the router: " + refusedAfterMs);
        JsonNode stillHere = STACK.gql.call(READ, Map.of(), here);
        assertThat(stillHere.has("errors")).as("the session that changed the password goes on: %s", stillHere).isFalse();
        // the old password no longer signs in, the new one does
        assertThat(STACK.gql.data("mutation($i: SignInInput!) { signIn(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("email", email, "password", "correct-horse-9")), null).at("/signIn/userErrors/0/code").asString())
                .isEqualTo("INVALID_CREDENTIALS");
        assertThat(STACK.gql.data("mutation($i: SignInInput!) { signIn(input: $i) { session { accessToken } } }",
                Map.of("i", Map.of("email", email, "password", "battery-staple-10")), null).at("/signIn/session/accessToken").asString()).isNotBlank();
    }

    private static Gql direct(int port) {
        return new Gql("http://localhost:" + port + "/graphql");
    }

    /**
     * Polls the targets round-robin until each answers UNAUTHENTICATED; per target, the milliseconds from {@code since}
     * to the start of the first request that was refused.
     */
    static Map<String, Long> awaitRefused(Map<String, java.util.function.Supplier<JsonNode>> targets, long since) throws InterruptedException {
        Map<String, Long> refused = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (refused.size() < targets.size() && System.nanoTime() < deadline) {
            for (var t : targets.entrySet()) {
                if (refused.containsKey(t.getKey())) continue;
                long sent = System.nanoTime();
                if ("UNAUTHENTICATED".equals(t.getValue().get().at("/errors/0/extensions/code").asString(""))) {
                    refused.put(t.getKey(), Math.max(0, (sent - since) / 1_000_000));
                }
            }
            Thread.sleep(5);
        }
        for (var t : targets.entrySet()) {
            if (!refused.containsKey(t.getKey())) {
                throw new AssertionError(t.getKey() + " still accepts the signed-out session's access token after 15 s: " + t.getValue().get());
            }
        }
        return refused;
    }
}
