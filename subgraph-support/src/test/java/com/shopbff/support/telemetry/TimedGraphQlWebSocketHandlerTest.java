package com.shopbff.support.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimedGraphQlWebSocketHandlerTest {
    @Test
    void theAgeOfANextMessageIsTakenFromItsEventsOwnTime() {
        String next = "{\"id\":\"7\",\"type\":\"next\",\"payload\":{\"data\":{\"orderStatusChanged\":{\"status\":\"PAID\","
                + "\"at\":\"2026-12-05T10:50:00.123456Z\",\"order\":{\"id\":\"o1\"}}}}}";
        assertThat(TimedGraphQlWebSocketHandler.eventAtMillis(next)).isEqualTo(Instant.parse("2026-12-05T10:50:00.123Z").toEpochMilli());
        assertThat(TimedGraphQlWebSocketHandler.eventAtMillis(next.replace("Z\"", "+01:00\"")))
                .isEqualTo(Instant.parse("2026-12-05T09:50:00.123Z").toEpochMilli());
    }

    @Test
    void messagesWithoutAnEventTimeAreNotAged() {
        assertThat(TimedGraphQlWebSocketHandler.eventAtMillis("{\"type\":\"connection_ack\",\"payload\":{\"at\":\"x\"}}")).isZero();
        assertThat(TimedGraphQlWebSocketHandler.eventAtMillis("{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"n\":1}}}")).isZero();
        assertThat(TimedGraphQlWebSocketHandler.eventAtMillis("{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"at\":\"soon\"}}}")).isZero();
    }
}
