package com.shopbff.revocation;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationMessagesTest {
    private static final Instant RECORD_TIME = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void readsTheShopEnvelope() {
        String json = """
                {"eventId":"6f1c1c9e-0d1f-4c53-9d49-5b3a3a1e0001","type":"AccessRevoked","occurredAt":"2026-11-23T10:00:01Z",
                 "key":"cust-1","payload":{"subject":"cust-1","sessionId":"fam-1","revokedAt":"2026-11-23T10:00:01.250Z","reason":"SIGNED_OUT"}}""";
        assertThat(parse(json)).contains(new Revocation("cust-1", "fam-1", Instant.parse("2026-11-23T10:00:01.250Z")));
    }

    @Test
    void readsTheFieldsAtTopLevelAndTakesTheRecordTimeWhenTheMessageHasNone() {
        assertThat(parse("{\"subject\":\"cust-2\",\"extra\":{\"nested\":[1,2]}}"))
                .contains(new Revocation("cust-2", null, RECORD_TIME));
    }

    @Test
    void ignoresOtherTypesAndMalformedMessages() {
        assertThat(parse("{\"type\":\"CustomerRegistered\",\"payload\":{\"subject\":\"x\"}}")).isEmpty();
        assertThat(parse("{\"type\":\"AccessRevoked\",\"payload\":{\"sessionId\":\"s\"}}")).as("no subject").isEmpty();
        assertThat(parse("{\"subject\":\"x\",\"revokedAt\":\"yesterday\"}")).isEmpty();
        assertThat(parse("not json")).isEmpty();
        assertThat(parse("[1,2]")).isEmpty();
        assertThat(RevocationMessages.parse(null, RECORD_TIME)).isEmpty();
    }

    private static java.util.Optional<Revocation> parse(String json) {
        return RevocationMessages.parse(json.getBytes(StandardCharsets.UTF_8), RECORD_TIME);
    }
}
