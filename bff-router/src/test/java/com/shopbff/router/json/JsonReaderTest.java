package com.shopbff.router.json;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The subgraph-response parser gives exactly the values Jackson's does, and refuses what is not JSON. */
class JsonReaderTest {
    private static Object read(String json) {
        return JsonReader.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void sameAsJackson(String json) {
        Object ours = read(json);
        Object jackson = Json.parse(json);
        assertEquals(jackson, ours, json);
        assertEquals(Json.writeString(jackson), Json.writeString(ours), json); // key order and number types too
    }

    @Test
    void readsEveryKindOfValueAsJacksonDoes() {
        sameAsJackson("""
                {"s":"plain","escapes":"quote \\" backslash \\\\ slash \\/ nl \\n tab \\t bell \\u0007 end",
                 "unicode":"Grüße, 東京","emoji":"\\ud83d\\ude00 and 😀","n":42,"neg":-7,"zero":0,"negzero":-0,
                 "long":1099511627776,"maxlong":9223372036854775807,"minlong":-9223372036854775808,
                 "big":123456789012345678901234567890,"d":3.25,"e":1e5,"E":-2.5E-3,"t":true,"f":false,"null":null,
                 "nested":{"a":[1,"x",[],{}],"b":{}},"empty":[], "ws" : [ 1 , 2 ] }
                """);
        sameAsJackson("[]");
        sameAsJackson("\"just a string\"");
        sameAsJackson("  12  ");
        sameAsJackson("{\"dup\":1,\"other\":2,\"dup\":3}");
    }

    @Test
    void readsTheBenchmarkResponseAsJacksonDoes() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/bench/heavy-expected.json")) {
            sameAsJackson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void numbersGetTheSmallestIntegerType() {
        assertInstanceOf(Integer.class, read("2147483647"));
        assertInstanceOf(Long.class, read("2147483648"));
        assertInstanceOf(Long.class, read("-9223372036854775808"));
        assertInstanceOf(BigInteger.class, read("9223372036854775808"));
        assertInstanceOf(Double.class, read("1.0"));
    }

    @Test
    void objectsAreJsonObjectsWithInternedKeys() {
        Map<?, ?> m = (Map<?, ?>) read("{\"reviews\":[{\"body\":\"x\"}]}");
        assertInstanceOf(JsonObject.class, m);
        String key = ((JsonObject) m).keyAt(0);
        assertSame("reviews", key);
        assertSame("body", ((JsonObject) ((List<?>) m.get("reviews")).get(0)).keyAt(0));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("", "  ", "{", "[1,", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "01", "-", "1.", "1e",
                "tru", "nul", "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"raw \u0001 control\"",
                "{} []", "{'a':1}", "[NaN]", "{\"a\":1}}")) {
            assertThrows(Json.JsonException.class, () -> read(bad), bad);
        }
    }

    @Test
    void longAsciiStringsUnderDataStayRawAndAreWrittenBackUnchanged() {
        String body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit";
        String json = "{\"data\":{\"r\":[{\"body\":\"" + body + "\",\"id\":\"1\",\"esc\":\"a long string with a \\\" quote in it\","
                + "\"uni\":\"a long string that is not ASCII: Grüße aus Tökyö\"}]},"
                + "\"errors\":[{\"message\":\"" + body + "\"}]}";
        Map<?, ?> r = (Map<?, ?>) JsonReader.parseResponse(io.vertx.core.buffer.Buffer.buffer(json));
        Map<?, ?> item = (Map<?, ?>) ((List<?>) ((Map<?, ?>) r.get("data")).get("r")).get(0);
        RawJsonString raw = assertInstanceOf(RawJsonString.class, item.get("body"));
        assertEquals(body, raw.toString());
        assertInstanceOf(String.class, item.get("id")); // short: identifiers and enum values stay strings
        assertInstanceOf(String.class, item.get("esc")); // escapes: decoded
        assertInstanceOf(String.class, item.get("uni")); // not ASCII: decoded
        assertEquals(body, ((Map<?, ?>) ((List<?>) r.get("errors")).get(0)).get("message")); // only data is raw
        JsonWriter w = new JsonWriter(8);
        w.value(r);
        assertEquals(Json.parse(json), Json.parse(w.toBytes())); // the same JSON as the parsed text
        assertEquals(Json.writeString(Json.parse(json)), new String(w.toBytes(), StandardCharsets.UTF_8));
        assertEquals(Json.writeString(Json.parse(json)), Json.writeString(r)); // the Jackson path writes its text
        assertEquals(raw, JsonReader.parseResponse(io.vertx.core.buffer.Buffer.buffer(json)) instanceof Map<?, ?> again
                ? ((Map<?, ?>) ((List<?>) ((Map<?, ?>) again.get("data")).get("r")).get(0)).get("body") : null);
    }

    @Test
    void anEscapeOrNonAsciiCharacterIsFoundAtEveryPositionOfALongString() {
        for (int k = 0; k < 80; k++) {
            for (String special : List.of("\\\"", "\\\\", "\\n", "\\u00e9", "é", "東")) {
                String json = "{\"data\":{\"s\":\"" + "x".repeat(k) + special + "y".repeat(80 - k) + "\",\"n\":1}}";
                Object ours = JsonReader.parseResponse(io.vertx.core.buffer.Buffer.buffer(json));
                assertEquals(Json.writeString(Json.parse(json)), Json.writeString(ours), json);
            }
            String control = "{\"data\":{\"s\":\"" + "x".repeat(k) + "\u0001" + "y".repeat(80 - k) + "\"}}";
            assertThrows(Json.JsonException.class, () -> JsonReader.parseResponse(io.vertx.core.buffer.Buffer.buffer(control)));
            String unterminated = "{\"data\":{\"s\":\"" + "x".repeat(k);
            assertThrows(Json.JsonException.class, () -> JsonReader.parseResponse(io.vertx.core.buffer.Buffer.buffer(unterminated)));
        }
    }

    @Test
    void refusesNestingBeyondTheLimitWithoutOverflowingTheStack() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThrows(Json.JsonException.class, () -> read(deep));
        String ok = "[".repeat(500) + "]".repeat(500);
        assertEquals(Json.parse(ok), read(ok));
    }

    @Test
    void aLongStringEndsAtEveryPositionOfAnEightByteBlock() {
        for (int n = 0; n < 80; n++) {
            String json = "{\"data\":{\"s\":\"" + "abcdefgh".repeat(10).substring(0, n) + "\",\"n\":[1,\"\"]}}";
            Object ours = JsonReader.parseResponse(io.vertx.core.buffer.Buffer.buffer(json));
            assertEquals(Json.writeString(Json.parse(json)), Json.writeString(ours), json);
        }
    }

    private static JsonObject tree(String json) {
        return (JsonObject) read(json);
    }

    private static Object into(String body, JsonObject data, JsonReader.EntityTargets entities) {
        return JsonReader.parseResponseInto(io.vertx.core.buffer.Buffer.buffer(body), data, entities);
    }

    @Test
    void dataParsedIntoTheTreeMergesAsAMergeOfTheParsedAnswerWould() {
        String before = "{\"a\":{\"x\":1,\"o\":{\"p\":1}},\"l\":[{\"k\":1},{\"k\":2}],\"s\":\"old\",\"n\":5,\"m\":[1]}";
        String answer = "{\"data\":{\"a\":{\"y\":2,\"o\":{\"q\":\"" + "z".repeat(40) + "\"}},\"l\":[{\"v\":1},{\"v\":2}],"
                + "\"s\":\"new\",\"n\":null,\"m\":[1,2],\"added\":[true]},\"errors\":[{\"message\":\"m\"}]}";
        JsonObject merged = tree(before);
        JsonMerge.merge(merged, (JsonObject) ((Map<?, ?>) JsonReader.parseResponse(io.vertx.core.buffer.Buffer.buffer(answer))).get("data"));
        JsonObject parsedInto = tree(before);
        Map<?, ?> response = (Map<?, ?>) into(answer, parsedInto, null);
        assertSame(parsedInto, response.get("data"));
        assertEquals(Json.writeString(merged), Json.writeString(parsedInto));
        assertEquals(List.of(Map.of("message", "m")), response.get("errors"));
    }

    @Test
    void entitiesParsedIntoTheirTargetsOnlyWhereATargetIsNamed() {
        JsonObject first = tree("{\"__typename\":\"U\",\"id\":\"1\"}");
        JsonObject second = tree("{\"__typename\":\"U\",\"id\":\"2\"}");
        String answer = "{\"data\":{\"_entities\":[{\"__typename\":\"U\",\"name\":\"a\"},{\"__typename\":\"U\",\"name\":\"b\"},null]}}";
        Map<?, ?> response = (Map<?, ?>) into(answer, null, (field, i) -> field.equals("_entities") && i == 0 ? first : null);
        List<?> entities = (List<?>) ((Map<?, ?>) response.get("data")).get("_entities");
        assertSame(first, entities.get(0));
        assertEquals(Map.of("__typename", "U", "id", "1", "name", "a"), first);
        assertEquals(Map.of("__typename", "U", "name", "b"), entities.get(1)); // no target: a plain value
        assertEquals(Map.of("__typename", "U", "id", "2"), second);
        assertEquals(3, entities.size());
    }

    @Test
    void aMalformedAnswerLeavesTheTreeAsItWas() {
        String before = "{\"a\":{\"x\":1,\"o\":{\"p\":1}},\"s\":\"old\",\"l\":[{\"k\":1}]}";
        String answer = "{\"data\":{\"a\":{\"y\":2,\"o\":{\"q\":3}},\"s\":\"new\",\"l\":[{\"v\":1}],\"b\":[1,}}";
        JsonObject data = tree(before);
        assertThrows(Json.JsonException.class, () -> into(answer, data, null));
        assertEquals(Json.writeString(tree(before)), Json.writeString(data));

        JsonObject target = tree("{\"__typename\":\"U\",\"id\":\"1\",\"o\":{\"p\":1}}");
        String entities = "{\"data\":{\"_entities\":[{\"id\":\"9\",\"name\":\"a\",\"o\":{\"q\":2}}]},\"errors\":[";
        assertThrows(Json.JsonException.class, () -> into(entities, null, (f, i) -> target));
        assertEquals(Json.writeString(tree("{\"__typename\":\"U\",\"id\":\"1\",\"o\":{\"p\":1}}")), Json.writeString(target));
    }

    @Test
    void keysOfEveryLengthWithOrWithoutEscapesReadAsJacksonDoesAndComeInterned() {
        for (int n = 0; n < 40; n++) {
            String plain = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH".substring(0, n);
            String json = "{\"" + plain + "\":1,\"x\":[{\"" + plain + "\":2}]}";
            sameAsJackson(json);
            JsonObject o = (JsonObject) read(json);
            assertSame(plain.intern(), o.keyAt(0), json);
            assertSame(o.keyAt(0), ((JsonObject) ((List<?>) o.get("x")).get(0)).keyAt(0), json);
            for (int k = 0; k <= n; k++) {
                for (String special : List.of("\\\"", "\\\\", "\\n", "\\u00e9", "é", "東")) {
                    sameAsJackson("{\"" + plain.substring(0, k) + special + plain.substring(k) + "\":1,\"after\":true}");
                }
            }
        }
    }
}
