package com.shopbff.router.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** Eight bytes of a byte array as one little-endian long (the long-string scan). */
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static final String TYPENAME = "__typename"; // a literal: interned

    private record Key(byte[] bytes, String value) {
    }

    /** Interned keys of up to 15 ASCII bytes by their bytes as two longs; replaced whole, like {@link #KEYS}. */
    private static final ShortKey[] SHORT_KEYS = new ShortKey[KEY_CACHE_SIZE];

    private record ShortKey(long lo, long hi, int len, String value) {
    }

    private final byte[] b;
    private final int end;
    private int pos;
    private int depth;
    /** Whether the top-level {@code data} member's long strings are kept raw. */
    private final boolean rawData;
    /** Whether strings are kept raw here (inside {@code data}). */
    private boolean raw;
    /** Fields of the objects being read, as key/value pairs, innermost last. */
    private Object[] stack = new Object[64];
    private int sp;
    /** Parsing into the tree: the object the response's {@code data} merges into, or null. */
    private JsonObject dataTarget;
    /** Parsing into the tree: where {@code _entities} answers go, or null. */
    private EntityTargets entityTargets;
    /** Changes made to existing objects, undone when the body turns out malformed: object, index (or -1 - old size), old value. */
    private JsonObject[] undoObject;
    private int[] undoIndex;
    private Object[] undoValue;
    private int undoSize;
    /** Merges of lists into lists, applied once the whole body parsed (they change objects the body does not name). */
    private ArrayList<Object> deferred;

    /** Where the items of an entity fetch's answer ({@code data.<field>[index]}) go when parsed into the tree. */
    public interface EntityTargets {
        /** The object item {@code index} of {@code data.<field>} merges into, or null to parse it as a plain value. */
        JsonObject target(String field, int index);
    }

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

    /**
     * Parses a GraphQL response straight into the data tree (one pass, no intermediate objects for what merges):
     * the top-level {@code data} object merges into {@code data} when that is not null; otherwise each object item
     * of a list under {@code data} merges into the object {@code entities} names for it (others are parsed as
     * values). Merging follows {@link JsonMerge}'s rules. The result is the response as {@link #parseResponse}
     * gives it, with the merged objects in place of the parsed ones ({@code data} itself, or the entity's target).
     * A malformed body changes nothing: what was merged is undone before the exception leaves.
     */
    public static Object parseResponseInto(io.vertx.core.buffer.Buffer buf, JsonObject data, EntityTargets entities) {
        byte[] bytes;
        int off;
        int len;
        io.netty.buffer.ByteBuf bb = buf instanceof io.vertx.core.internal.buffer.BufferInternal bi ? bi.getByteBuf() : null;
        if (bb != null && bb.hasArray()) {
            bytes = bb.array();
            off = bb.arrayOffset() + bb.readerIndex();
            len = bb.readableBytes();
        } else {
            bytes = buf.getBytes();
            off = 0;
            len = bytes.length;
        }
        JsonReader r = new JsonReader(bytes, off, len, true);
        r.dataTarget = data;
        r.entityTargets = data == null ? entities : null;
        Object v;
        try {
            r.skipWhitespace();
            if (r.pos >= r.end) throw new Json.JsonException("empty JSON body");
            v = r.value();
            r.skipWhitespace();
            if (r.pos != r.end) throw r.problem("trailing content after JSON value");
        } catch (RuntimeException | StackOverflowError e) {
            r.rollback();
            throw e;
        }
        if (r.deferred != null) {
            for (int i = 0; i < r.deferred.size(); i += 3) {
                JsonMerge.mergeEntry((JsonObject) r.deferred.get(i), (String) r.deferred.get(i + 1), r.deferred.get(i + 2));
            }
        }
        return v;
    }

    private void logUndo(JsonObject o, int index, Object old) {
        if (undoObject == null) {
            undoObject = new JsonObject[32];
            undoIndex = new int[32];
            undoValue = new Object[32];
        } else if (undoSize == undoObject.length) {
            undoObject = java.util.Arrays.copyOf(undoObject, undoSize * 2);
            undoIndex = java.util.Arrays.copyOf(undoIndex, undoSize * 2);
            undoValue = java.util.Arrays.copyOf(undoValue, undoSize * 2);
        }
        undoObject[undoSize] = o;
        undoIndex[undoSize] = index;
        undoValue[undoSize++] = old;
    }

    private void rollback() {
        for (int i = undoSize - 1; i >= 0; i--) {
            if (undoIndex[i] < 0) undoObject[i].truncate(-1 - undoIndex[i]);
            else undoObject[i].setValueAt(undoIndex[i], undoValue[i]);
        }
        undoSize = 0;
    }

    /** The {@code data} object when its lists' items go to entity targets. */
    private JsonObject dataObject() {
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
            o.put(key, pos < end && b[pos] == '[' ? entityArray(key) : value());
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

    /** A list under {@code data}: object items whose target is known merge into it. */
    private List<Object> entityArray(String field) {
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
            JsonObject target = b[pos] == '{' ? entityTargets.target(field, l.size()) : null;
            if (target != null) {
                objectInto(target);
                l.add(target);
            } else {
                l.add(value());
            }
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

    /** An object merged into {@code dst} as it is parsed ({@link JsonMerge}'s rules). */
    private void objectInto(JsonObject dst) {
        if (++depth > MAX_DEPTH) throw problem("nested too deeply");
        pos++; // {
        logUndo(dst, -1 - dst.size(), null);
        skipWhitespace();
        if (pos < end && b[pos] == '}') {
            pos++;
            depth--;
            return;
        }
        while (true) {
            if (pos >= end || b[pos] != '"') throw problem("expected a field name");
            pos++;
            String key = key();
            skipWhitespace();
            if (pos >= end || b[pos] != ':') throw problem("expected ':'");
            pos++;
            skipWhitespace();
            int i = dst.positionOf(key);
            if (i < 0) {
                dst.append(key, value());
            } else {
                Object d = dst.valueAt(i);
                if (d instanceof JsonObject dj && pos < end && b[pos] == '{') {
                    objectInto(dj);
                } else {
                    Object s = value();
                    if (d instanceof Map<?, ?> && s instanceof Map<?, ?> || d instanceof List<?> dl && s instanceof List<?> sl && dl.size() == sl.size()) {
                        if (deferred == null) deferred = new ArrayList<>();
                        deferred.add(dst);
                        deferred.add(key);
                        deferred.add(s);
                    } else if (s != null && !s.equals(d)) {
                        logUndo(dst, i, d);
                        dst.setValueAt(i, s);
                    }
                }
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
        skipWhitespace();
        if (pos < end && b[pos] == '}') {
            pos++;
            depth--;
            return new JsonObject(0);
        }
        // the fields go on the reader's stack first, so that the object is made with exactly their number
        int base = sp;
        while (true) {
            if (pos >= end || b[pos] != '"') throw problem("expected a field name");
            pos++;
            String key = key();
            skipWhitespace();
            if (pos >= end || b[pos] != ':') throw problem("expected ':'");
            pos++;
            skipWhitespace();
            Object v;
            if (rawData && depth == 1 && key.equals("data")) {
                raw = true;
                if (dataTarget != null && pos < end && b[pos] == '{') {
                    objectInto(dataTarget);
                    v = dataTarget;
                } else if (entityTargets != null && pos < end && b[pos] == '{') {
                    v = dataObject();
                } else {
                    v = value();
                }
                raw = false;
            } else if (key == TYPENAME && pos < end && b[pos] == '"') {
                pos++;
                v = key(); // type names repeat on every object: interned from the key cache, not a string each
            } else {
                v = value();
            }
            push(base, key, v);
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
        JsonObject o = JsonObject.of(stack, base, (sp - base) >> 1);
        sp = base; // the stale references above go with the reader

        depth--;
        return o;
    }

    /** Adds a field of the object whose fields start at {@code base} on the stack (a repeated key: the last value wins). */
    private void push(int base, String key, Object v) {
        Object[] st = stack;
        for (int i = base; i < sp; i += 2) {
            if (st[i] == key) { // keys are interned
                st[i + 1] = v;
                return;
            }
        }
        if (sp + 2 > st.length) stack = st = java.util.Arrays.copyOf(st, st.length * 2);
        st[sp] = key;
        st[sp + 1] = v;
        sp += 2;
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

    /**
     * A key after its opening quote: plain keys come from caches of interned keys. Keys of up to 15 ASCII bytes
     * (most GraphQL field names) are read as two longs and found by comparing those, without a loop over bytes.
     */
    private String key() {
        int start = pos;
        if (end - start >= 16) {
            long w1 = (long) LONGS.get(b, start);
            long q1 = zeroBytes(w1 ^ 0x2222222222222222L);
            if (q1 != 0) {
                int n = Long.numberOfTrailingZeros(q1) >>> 3;
                long mask = n == 0 ? 0 : -1L >>> (64 - 8 * n);
                if ((special(w1) & mask) == 0) return shortKey(w1 & mask, 0, n, start);
            } else if (special(w1) == 0) {
                long w2 = (long) LONGS.get(b, start + 8);
                long q2 = zeroBytes(w2 ^ 0x2222222222222222L);
                if (q2 != 0) {
                    int n = Long.numberOfTrailingZeros(q2) >>> 3;
                    long mask = n == 0 ? 0 : -1L >>> (64 - 8 * n);
                    if ((special(w2) & mask) == 0) return shortKey(w1, w2 & mask, 8 + n, start);
                }
            }
        }
        return longKey();
    }

    /** High bit set in each zero byte of {@code x} (and possibly in bytes above one: only the lowest is exact). */
    private static long zeroBytes(long x) {
        return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
    }

    /**
     * High bit set in bytes that are a quote, a backslash, a control character or non-ASCII (possibly also in
     * bytes above one of those: a borrow; never missing one).
     */
    private static long special(long w) {
        long quote = w ^ 0x2222222222222222L;
        long backslash = w ^ 0x5c5c5c5c5c5c5c5cL;
        return (((quote - 0x0101010101010101L) & ~quote) | ((backslash - 0x0101010101010101L) & ~backslash)
                | (w - 0x2020202020202020L) | w) & 0x8080808080808080L;
    }

    /** A key of {@code len} (<= 15) plain ASCII bytes at {@code start}, also given as two little-endian longs. */
    private String shortKey(long lo, long hi, int len, int start) {
        pos = start + len + 1;
        long x = lo * 0x9E3779B97F4A7C15L ^ hi * 0xC2B2AE3D27D4EB4FL ^ len;
        int slot = (int) (x ^ (x >>> 29) ^ (x >>> 43)) & (KEY_CACHE_SIZE - 1);
        ShortKey k = SHORT_KEYS[slot];
        if (k != null && k.lo == lo && k.hi == hi && k.len == len) return k.value;
        String s = new String(b, start, len, StandardCharsets.ISO_8859_1).intern();
        SHORT_KEYS[slot] = new ShortKey(lo, hi, len, s);
        return s;
    }

    /** A key read byte by byte (long, escaped or non-ASCII keys, or near the end of the input). */
    private String longKey() {
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
        // eight bytes at a time while none of them is a quote, a backslash, a control character or non-ASCII
        for (int last = end - 8; p <= last; p += 8) {
            long w = (long) LONGS.get(b, p);
            long quote = w ^ 0x2222222222222222L;
            long backslash = w ^ 0x5c5c5c5c5c5c5c5cL;
            long stop = ((quote - 0x0101010101010101L) & ~quote) | ((backslash - 0x0101010101010101L) & ~backslash)
                    | (w - 0x2020202020202020L) | w;
            if ((stop & 0x8080808080808080L) != 0) break; // found one (or a borrow): bytes one by one from here
        }
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
