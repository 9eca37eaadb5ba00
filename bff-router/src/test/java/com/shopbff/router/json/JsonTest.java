package com.shopbff.router.json;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {
    private static final String LONG = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor";

    @Test
    void stringsRoundTripOnEveryWritePath() {
        for (String s : List.of("short", LONG, LONG + " \"quoted\"", LONG + " back\\slash", LONG + " tab\t newline\n",
                LONG + " caf\u00e9 \u2603 \uD83D\uDE00", LONG + "\u0001")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("s", s);
            String json = Json.writeString(m);
            assertEquals(m, Json.parse(json), json);
        }
    }

    @Test
    void longAsciiIsWrittenVerbatim() {
        assertEquals("[\"" + LONG + "\"]", Json.writeString(List.of(LONG)));
        assertEquals("[\"" + LONG + " \\\"q\\\"\"]", Json.writeString(List.of(LONG + " \"q\"")));
    }

    @Test
    void buffersParseInPlace() {
        io.vertx.core.buffer.Buffer b = io.vertx.core.buffer.Buffer.buffer("xx{\"a\":[1,2]}".getBytes()).slice(2, 13);
        assertEquals(Map.of("a", List.of(1, 2)), Json.parse(b));
    }
}
