package com.shopbff.revocation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a revocation from a message of the feed: a JSON object {@code {"type": "AccessRevoked", "payload":
 * {"subject": ..., "sessionId": ..., "revokedAt": "<RFC 3339>"}}} (the shop's message envelope; its other fields are
 * ignored), or the same three fields at the top level without {@code type}. Messages of another type, and malformed
 * ones, yield nothing.
 */
public final class RevocationMessages {
    public static final String TYPE = "AccessRevoked";
    private static final JsonFactory JSON = new JsonFactory();

    private RevocationMessages() {}

    /** @param fallbackTime used when the message has no {@code revokedAt} (the record's timestamp) */
    public static Optional<Revocation> parse(byte[] json, Instant fallbackTime) {
        if (json == null) return Optional.empty();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return Optional.empty();
            String type = null;
            Fields top = new Fields();
            Fields payload = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("payload".equals(name) && value == JsonToken.START_OBJECT) {
                    payload = new Fields();
                    payload.read(p);
                } else if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else {
                    top.offer(name, p);
                }
            }
            if (type != null && !TYPE.equals(type)) return Optional.empty();
            Fields f = payload != null ? payload : top;
            if (f.subject == null || f.subject.isBlank()) return Optional.empty();
            Instant at = f.revokedAt == null ? fallbackTime : Instant.parse(f.revokedAt);
            return Optional.of(new Revocation(f.subject, f.sessionId, at));
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final class Fields {
        String subject;
        String sessionId;
        String revokedAt;

        void read(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                offer(name, p);
            }
        }

        void offer(String name, JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                switch (name) {
                    case "subject" -> subject = p.getText();
                    case "sessionId" -> sessionId = p.getText();
                    case "revokedAt" -> revokedAt = p.getText();
                    default -> { }
                }
            } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
            }
        }
    }
}
