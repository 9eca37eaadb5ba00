package com.shopbff.contracts;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * JSON form of an {@link Envelope}: {@code {"eventId","type","occurredAt","key","payload"}}.
 * Unknown payload fields are ignored so that producers may add fields before every consumer knows them.
 */
public final class MessageCodec {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MessageCodec() {}

    public static byte[] encode(Envelope<?> envelope) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("eventId", envelope.eventId().toString());
        root.put("type", envelope.type());
        root.put("occurredAt", envelope.occurredAt().toString());
        root.put("key", envelope.key());
        root.set("payload", MAPPER.valueToTree(envelope.payload()));
        return MAPPER.writeValueAsBytes(root);
    }

    public static String encodeToString(Envelope<?> envelope) {
        return new String(encode(envelope), StandardCharsets.UTF_8);
    }

    /**
     * Decodes an envelope; throws {@link UnknownMessageException} for a type this build does not know and
     * {@link IllegalArgumentException} for malformed JSON.
     */
    public static Envelope<Message> decode(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("message is not JSON: " + e.getMessage(), e);
        }
        String type = text(root, "type");
        Class<? extends Message> cls = MessageTypes.classOf(type).orElseThrow(() -> new UnknownMessageException(type));
        Message payload;
        try {
            payload = MAPPER.treeToValue(root.get("payload"), cls);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed " + type + " payload: " + e.getMessage(), e);
        }
        return new Envelope<>(UUID.fromString(text(root, "eventId")), type, Instant.parse(text(root, "occurredAt")),
                text(root, "key"), payload);
    }

    public static Envelope<Message> decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) throw new IllegalArgumentException("envelope lacks '" + field + "'");
        return n.asString();
    }

    /** A message type this build does not know: consumers skip it rather than block their partition. */
    public static final class UnknownMessageException extends RuntimeException {
        public UnknownMessageException(String type) {
            super("unknown message type: " + type);
        }
    }
}
