package com.shopbff.router.json;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hot-path writer writes exactly what Jackson writes, escapes included. */
class JsonWriterTest {
    private static String written(Object v) {
        JsonWriter w = new JsonWriter(8);
        w.value(v);
        return new String(w.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void writesWhatJacksonWritesForEveryKindOfValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "plain");
        m.put("escapes", "quote \" backslash \\ newline \n tab \t bell \u0007 end");
        m.put("unicode", "Grüße, 東京, and a long enough ascii tail to take the bulk path");
        m.put("n", 42);
        m.put("ints", List.of(0, 7, -7, 10, 99, 100, 12345, 1000000, Integer.MAX_VALUE, Integer.MIN_VALUE));
        m.put("l", 1L << 40);
        m.put("d", 3.25);
        m.put("big", new BigInteger("123456789012345678901234567890"));
        m.put("t", true);
        m.put("f", false);
        m.put("null", null);
        JsonObject o = new JsonObject();
        o.put("a", List.of(1, "x", new ArrayList<>()));
        o.put("b", new LinkedHashMap<>());
        m.put("nested", o);
        m.put("empty", List.of());
        assertEquals(Json.writeString(m), written(m));
    }

    @Test
    void charactersBeyondTheBasicPlaneAreWrittenAsUtf8AndReadBackTheSame() {
        String emoji = "emoji \uD83D\uDE00";
        assertEquals("\"" + emoji + "\"", written(emoji)); // Jackson would write the \\uD83D\\uDE00 escapes: same JSON string
        assertEquals(emoji, Json.parse(written(emoji)));
    }

    @Test
    void namesAndValuesAreSeparatedByCommasAtEveryLevel() {
        JsonWriter w = new JsonWriter(8);
        w.startObject();
        w.name(JsonWriter.encodeName("a"));
        w.startArray();
        w.value(1);
        w.startObject();
        w.endObject();
        w.nullValue();
        w.endArray();
        w.name("b\"");
        w.string("c");
        w.endObject();
        assertEquals("{\"a\":[1,{},null],\"b\\\"\":\"c\"}", new String(w.toBytes(), StandardCharsets.UTF_8));
    }
}
