package com.shopbff.router.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming JSON to and from plain Java values ({@code Map}, {@code List}, {@code String}, numbers, booleans,
 * null) with Jackson's low-level parser and generator: no data binding, no reflection.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    /** Parses one JSON value; throws {@link JsonException} on malformed input. */
    public static Object parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    public static Object parse(byte[] bytes, int off, int len) {
        try (JsonParser p = FACTORY.createParser(bytes, off, len)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new JsonException("empty JSON body");
            Object v = read(p, t);
            if (p.nextToken() != null) throw new JsonException("trailing content after JSON value");
            return v;
        } catch (IOException e) {
            throw new JsonException("malformed JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage()));
        }
    }

    /** Parses a Vert.x buffer, reading a heap buffer's array in place rather than copying it. */
    public static Object parse(io.vertx.core.buffer.Buffer b) {
        if (b instanceof io.vertx.core.internal.buffer.BufferInternal bi) {
            io.netty.buffer.ByteBuf bb = bi.getByteBuf();
            if (bb.hasArray()) return parse(bb.array(), bb.arrayOffset() + bb.readerIndex(), bb.readableBytes());
        }
        return parse(b.getBytes());
    }

    public static Object parse(String s) {
        return parse(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                JsonObject m = new JsonObject();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    m.put(k, read(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) l.add(read(p, n));
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> p.getIntValue();
                    case LONG -> p.getLongValue();
                    default -> p.getBigIntegerValue();
                };
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonException("unexpected JSON token " + t);
        }
    }

    /** Serialises a plain value to UTF-8 JSON (with the hot-path writer). */
    public static byte[] writeFast(Object value) {
        JsonWriter w = SCRATCH.get();
        w.reset();
        w.value(value);
        byte[] out = w.toBytes();
        if (w.capacity() > MAX_SCRATCH) SCRATCH.remove(); // one huge document does not stay in memory
        return out;
    }

    /**
     * Each thread's writer for {@link #writeFast}: subgraph request bodies (representations: several KB) are
     * written into one buffer that stays, and only the exact result is copied out.
     */
    private static final ThreadLocal<JsonWriter> SCRATCH = ThreadLocal.withInitial(() -> new JsonWriter(4096));
    private static final int MAX_SCRATCH = 1 << 20;

    /** Serialises a plain value to UTF-8 JSON. */
    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Serialises straight into a Vert.x buffer (no intermediate byte array for large responses). */
    public static io.vertx.core.buffer.Buffer writeBuffer(Object value) {
        io.vertx.core.buffer.Buffer buf = io.vertx.core.buffer.Buffer.buffer(16 * 1024);
        java.io.OutputStream os = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                buf.appendByte((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buf.appendBytes(b, off, len);
            }
        };
        try (JsonGenerator g = FACTORY.createGenerator(os)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf;
    }

    /** Size hint for response buffers: the largest response seen so far (bounded), so buffers rarely grow. */
    private static volatile int sizeHint = 16 * 1024;

    /** An output stream appending to a Vert.x buffer sized from earlier responses. */
    public static BufferOutput bufferOutput() {
        return new BufferOutput(io.vertx.core.buffer.Buffer.buffer(sizeHint));
    }

    public static JsonGenerator generator(java.io.OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /** See {@link #bufferOutput()}. */
    public static final class BufferOutput extends java.io.OutputStream {
        private final io.vertx.core.buffer.Buffer buf;

        BufferOutput(io.vertx.core.buffer.Buffer buf) {
            this.buf = buf;
        }

        @Override
        public void write(int b) {
            buf.appendByte((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buf.appendBytes(b, off, len);
        }

        /** The written bytes; remembers the size for later buffers. */
        public io.vertx.core.buffer.Buffer finish() {
            int n = buf.length();
            if (n > sizeHint && n <= 4 * 1024 * 1024) sizeHint = n + (n >> 3);
            return buf;
        }
    }

    public static String writeString(Object value) {
        return new String(write(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Writes a plain value. Concrete classes the router itself creates are tested first: type checks against
     * interfaces ({@code Map}, {@code List}) are markedly slower on hot paths than checks against classes.
     */
    public static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            writeString(g, s);
        } else if (v instanceof JsonObject o) {
            g.writeStartObject();
            for (int i = 0, n = o.size(); i < n; i++) {
                g.writeFieldName(o.keyAt(i));
                write(g, o.valueAt(i));
            }
            g.writeEndObject();
        } else if (v instanceof LinkedHashMap<?, ?> m) {
            writeMap(g, m);
        } else if (v instanceof ArrayList<?> l) {
            g.writeStartArray();
            for (int i = 0, n = l.size(); i < n; i++) write(g, l.get(i));
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Map<?, ?> m) {
            writeMap(g, m);
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) write(g, o);
            g.writeEndArray();
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object o : it) write(g, o);
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    /**
     * Long ASCII strings that need no escaping (the common case for text fields) are copied as bytes: encoding
     * them with the JDK's intrinsic and scanning the bytes is several times faster than Jackson's per-character
     * escaping loop. Anything else goes through {@link JsonGenerator#writeString(String)}.
     */
    public static void writeString(JsonGenerator g, String s) throws IOException {
        int n = s.length();
        if (n < 48) {
            g.writeString(s);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length != n || needsEscape(b)) {
            g.writeString(s);
            return;
        }
        g.writeRawUTF8String(b, 0, n);
    }

    private static boolean needsEscape(byte[] b) {
        for (byte c : b) {
            if (c < 0x20 || c == '"' || c == '\\') return true; // bytes >= 0x80 are negative: never here (ASCII only)
        }
        return false;
    }

    private static void writeMap(JsonGenerator g, Map<?, ?> m) throws IOException {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            g.writeFieldName((String) e.getKey());
            write(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** Malformed JSON. */
    public static final class JsonException extends RuntimeException {
        public JsonException(String message) {
            super(message);
        }
    }
}
