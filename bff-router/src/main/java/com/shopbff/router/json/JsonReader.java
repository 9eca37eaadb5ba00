package com.shopbff.router.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hot-path JSON parser for subgraph responses: UTF-8 bytes straight to the values the executor merges
 * ({@link JsonObject}, {@code ArrayList}, {@code String}, {@code Integer}/{@code Long}/{@code BigInteger},
 * {@code Double}, {@code Boolean}, null) — the same values {@link Json#parse(byte[])} gives, in one pass without a
 * token stream. Object keys come interned from a small cache (the router's response keys are interned, so map
 * lookups match by identity); ASCII strings without escapes are copied as Latin-1 bytes (the JDK's compact
 * strings keep them as they are, no decoding). Strict JSON (RFC 8259): anything else is a {@link Json.JsonException}.
 * Jackson ({@link Json#parse}) stays the parser for client input, whose error messages users see.
 */
public final class JsonReader {
    /** Deeper nesting is refused (Jackson's default limit is 1000 too): no stack overflow on hostile input. */
    private static final int MAX_DEPTH = 1000;
    private static final int KEY_CACHE_SIZE = 1024;
    /** ASCII strings under a response's {@code data} from this many bytes on become {@link RawJsonString}s. */
    public static final int RAW_FROM = 32;
    /**
     * Interned keys by their UTF-8 bytes. Entries are immutable and replaced whole, so racing event loops at worst
     * miss the cache and intern the same string again.
     */
    private static final Key[] KEYS = new Key[KEY_CACHE_SIZE];

    private record Key(byte[] bytes, String value) {
    }

    private final byte[] b;
    private final int end;
    private int pos;
    private int depth;
    /** Whether the top-level {@code data} member's long strings are kept raw. */
    private final boolean rawData;
    /** Whether strings are kept raw here (inside {@code data}). */
    private boolean raw;

    private JsonReader(byte[] b, int off, int len, boolean rawData) {
        this.rawData = rawData;
        this.b = b;
        this.pos = off;
        this.end = off + len;
    }

    /** Parses one JSON value from {@code len} bytes at {@code off}. */
    public static Object parse(byte[] bytes, int off, int len) {
        return parse(bytes, off, len, false);
    }

    private static Object parse(byte[] bytes, int off, int len, boolean rawData) {
        JsonReader r = new JsonReader(bytes, off, len, rawData);
        r.skipWhitespace();
        if (r.pos >= r.end) throw new Json.JsonException("empty JSON body");
        Object v = r.value();
        r.skipWhitespace();
        if (r.pos != r.end) throw r.problem("trailing content after JSON value");
        return v;
    }

    public static Object parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    /**
     * Parses a GraphQL response from a Vert.x buffer, reading a heap buffer's array in place: long ASCII strings
     * under the top-level {@code data} member become {@link RawJsonString}s slicing that array (which must not
     * change afterwards); everything else, {@code errors} and {@code extensions} included, is plain values.
     */
    public static Object parseResponse(io.vertx.core.buffer.Buffer buf) {
        if (buf instanceof io.vertx.core.internal.buffer.BufferInternal bi) {
            io.netty.buffer.ByteBuf bb = bi.getByteBuf();
            if (bb.hasArray()) return parse(bb.array(), bb.arrayOffset() + bb.readerIndex(), bb.readableBytes(), true);
        }
        byte[] copy = buf.getBytes();
        return parse(copy, 0, copy.length, true);
    }

    private Json.JsonException problem(String what) {
        return new Json.JsonException("malformed JSON: " + what + " at byte " + pos);
    }

    private void skipWhitespace() {
        byte[] b = this.b;
        int p = pos;
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
            p++;
        }
        pos = p;
    }

    private Object value() {
        if (pos >= end) throw problem("unexpected end of input");
        byte c = b[pos];
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                pos++;
                return stringValue();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw problem("unexpected character '" + (char) (c & 0xff) + "'");
        }
    }

    private void literal(String word) {
        int n = word.length();
        if (end - pos < n) throw problem("unexpected end of input");
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != word.charAt(i)) throw problem("unrecognized token");
        }
        pos += n;
    }

    private JsonObject object() {
        if (++depth > MAX_DEPTH) throw problem("nested too deeply");
        pos++; // {
        JsonObject o = new JsonObject();
        skipWhitespace();
        if (pos < end && b[pos] == '}') {
            pos++;
            depth--;
            return o;
        }
        while (true) {
            if (pos >= end || b[pos] != '"') throw problem("expected a field name");
            pos++;
            String key = key();
            skipWhitespace();
            if (pos >= end || b[pos] != ':') throw problem("expected ':'");
            pos++;
            skipWhitespace();
            if (rawData && depth == 1 && key.equals("data")) {
                raw = true;
                o.put(key, value());
                raw = false;
            } else {
                o.put(key, value());
            }
            skipWhitespace();
            if (pos >= end) throw problem("unexpected end of input");
            byte c = b[pos++];
            if (c == ',') {
                skipWhitespace();
                continue;
            }
            if (c == '}') break;
            throw problem("expected ',' or '}'");
        }
        depth--;
        return o;
    }

    private List<Object> array() {
        if (++depth > MAX_DEPTH) throw problem("nested too deeply");
        pos++; // [
        ArrayList<Object> l = new ArrayList<>();
        skipWhitespace();
        if (pos < end && b[pos] == ']') {
            pos++;
            depth--;
            return l;
        }
        while (true) {
            l.add(value());
            skipWhitespace();
            if (pos >= end) throw problem("unexpected end of input");
            byte c = b[pos++];
            if (c == ',') {
                skipWhitespace();
                continue;
            }
            if (c == ']') break;
            throw problem("expected ',' or ']'");
        }
        depth--;
        return l;
    }

    /** A key after its opening quote: plain keys come from the cache of interned keys. */
    private String key() {
        byte[] b = this.b;
        int start = pos;
        int h = 0;
        int p = start;
        while (p < end) {
            byte c = b[p];
            if (c == '"') break;
            if (c == '\\' || c < 0x20) return string().intern(); // escapes, non-ASCII: rare in keys
            h = 31 * h + c;
            p++;
        }
        if (p >= end) throw problem("unterminated string");
        int len = p - start;
        pos = p + 1;
        int slot = (h ^ (h >>> 16)) & (KEY_CACHE_SIZE - 1);
        Key k = KEYS[slot];
        if (k != null && java.util.Arrays.equals(k.bytes, 0, k.bytes.length, b, start, p)) return k.value;
        String s = new String(b, start, len, StandardCharsets.ISO_8859_1).intern();
        KEYS[slot] = new Key(java.util.Arrays.copyOfRange(b, start, p), s);
        return s;
    }

    /** A string value after its opening quote: a String, or a {@link RawJsonString} inside {@code data}. */
    private Object stringValue() {
        if (!raw) return string();
        byte[] b = this.b;
        int start = pos;
        int p = start;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                int len = p - start;
                pos = p + 1;
                return len < RAW_FROM ? new String(b, start, len, StandardCharsets.ISO_8859_1)
                        : new RawJsonString(b, start, len);
            }
            if (c == '\\' || c < 0x20) return string(); // escapes, control characters (refused there), non-ASCII
            p++;
        }
        return string();
    }

    /** A string value after its opening quote. */
    private String string() {
        byte[] b = this.b;
        int start = pos;
        int p = start;
        boolean ascii = true;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                pos = p + 1;
                return new String(b, start, p - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
            if (c == '\\') return escaped(start);
            if (c < 0) ascii = false;
            else if (c < 0x20) {
                pos = p;
                throw problem("unescaped control character in a string");
            }
            p++;
        }
        pos = p;
        throw problem("unterminated string");
    }

    /** A string with escapes, from {@code start} (after the opening quote). */
    private String escaped(int start) {
        byte[] b = this.b;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(16, end - start < 256 ? end - start : 256));
        StringBuilder sb = null; // only for \\u escapes: they may be surrogate pairs
        int p = start;
        while (true) {
            if (p >= end) {
                pos = p;
                throw problem("unterminated string");
            }
            byte c = b[p++];
            if (c == '"') break;
            if (c >= 0 && c < 0x20) {
                pos = p - 1;
                throw problem("unescaped control character in a string");
            }
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (p >= end) {
                pos = p;
                throw problem("unterminated string");
            }
            byte e = b[p++];
            switch (e) {
                case '"' -> out.write('"');
                case '\\' -> out.write('\\');
                case '/' -> out.write('/');
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'u' -> {
                    if (end - p < 4) {
                        pos = p;
                        throw problem("unterminated \\u escape");
                    }
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(b[p + i], 16);
                        if (d < 0) {
                            pos = p + i;
                            throw problem("bad \\u escape");
                        }
                        cp = cp * 16 + d;
                    }
                    p += 4;
                    // UTF-16 code units (surrogate halves included) go through a char buffer, as Jackson keeps them
                    if (sb == null) sb = new StringBuilder();
                    sb.append(out.toString(StandardCharsets.UTF_8)).append((char) cp);
                    out.reset();
                }
                default -> {
                    pos = p - 1;
                    throw problem("bad escape '\\" + (char) (e & 0xff) + "'");
                }
            }
        }
        pos = p;
        String tail = out.toString(StandardCharsets.UTF_8);
        return sb == null ? tail : sb.append(tail).toString();
    }

    private Object number() {
        byte[] b = this.b;
        int start = pos;
        int p = start;
        boolean negative = b[p] == '-';
        if (negative) p++;
        if (p >= end || b[p] < '0' || b[p] > '9') {
            pos = p;
            throw problem("expected a digit");
        }
        if (b[p] == '0' && p + 1 < end && b[p + 1] >= '0' && b[p + 1] <= '9') {
            pos = p;
            throw problem("leading zeroes are not allowed");
        }
        long v = 0;
        int digitsStart = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            v = v * 10 + (b[p] - '0');
            p++;
        }
        int digits = p - digitsStart;
        boolean fraction = p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E');
        if (fraction) {
            if (b[p] == '.') {
                p++;
                int f = p;
                while (p < end && b[p] >= '0' && b[p] <= '9') p++;
                if (p == f) {
                    pos = p;
                    throw problem("expected a digit after '.'");
                }
            }
            if (p < end && (b[p] == 'e' || b[p] == 'E')) {
                p++;
                if (p < end && (b[p] == '+' || b[p] == '-')) p++;
                int x = p;
                while (p < end && b[p] >= '0' && b[p] <= '9') p++;
                if (p == x) {
                    pos = p;
                    throw problem("expected a digit in the exponent");
                }
            }
            pos = p;
            return Double.parseDouble(new String(b, start, p - start, StandardCharsets.ISO_8859_1));
        }
        pos = p;
        if (digits <= 18) {
            long s = negative ? -v : v;
            if (s >= Integer.MIN_VALUE && s <= Integer.MAX_VALUE) return (int) s;
            return s;
        }
        BigInteger big = new BigInteger(new String(b, start, p - start, StandardCharsets.ISO_8859_1));
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
}
