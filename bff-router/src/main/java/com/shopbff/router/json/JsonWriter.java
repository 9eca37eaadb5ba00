package com.shopbff.router.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer into a growing byte array, for the response hot path: field names come pre-encoded
 * ({@link #encodeName}), strings are encoded with the JDK's UTF-8 intrinsic and copied when they need no escaping,
 * and there is no generator state beyond one comma flag per nesting level. Produces the same text as
 * {@link Json#write(Object)}.
 */
public final class JsonWriter {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Strings up to this length are tried char by char first. */
    private static final int SHORT_STRING = 64;
    private byte[] buf;
    private int pos;
    /** Per nesting level: whether the next element needs a comma first. */
    private boolean[] comma = new boolean[32];
    private int depth;
    /** A name was just written: the value that follows needs no comma. */
    private boolean afterName;

    public JsonWriter(int capacity) {
        buf = new byte[Math.max(capacity, 64)];
    }

    /** {@code "name":} as bytes, to pass to {@link #name(byte[])}. */
    public static byte[] encodeName(String name) {
        JsonWriter w = new JsonWriter(name.length() + 8);
        w.string(name);
        w.raw((byte) ':');
        return Arrays.copyOf(w.buf, w.pos);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }

    private void raw(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** Separates this value from the previous one at its level. */
    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (comma[depth]) raw((byte) ',');
        else comma[depth] = true;
    }

    private void open(byte b) {
        beforeValue();
        raw(b);
        if (++depth == comma.length) comma = Arrays.copyOf(comma, depth * 2);
        comma[depth] = false;
    }

    public void startObject() {
        open((byte) '{');
    }

    public void endObject() {
        depth--;
        raw((byte) '}');
    }

    public void startArray() {
        open((byte) '[');
    }

    public void endArray() {
        depth--;
        raw((byte) ']');
    }

    /** Writes a pre-encoded name ({@link #encodeName}). */
    public void name(byte[] encodedName) {
        if (comma[depth]) raw((byte) ',');
        else comma[depth] = true;
        raw(encodedName);
        afterName = true;
    }

    /** Writes a name, encoded in place (no intermediate array). */
    public void name(String name) {
        if (comma[depth]) raw((byte) ',');
        else comma[depth] = true;
        afterName = true; // string() then writes no comma
        string(name);
        raw((byte) ':');
        afterName = true;
    }

    /** Starts over, keeping the buffer (a writer reused for one document after another). */
    public void reset() {
        pos = 0;
        depth = 0;
        comma[0] = false;
        afterName = false;
    }

    /** The capacity of the buffer. */
    public int capacity() {
        return buf.length;
    }

    public void nullValue() {
        beforeValue();
        raw(NULL);
    }

    public void bool(boolean b) {
        beforeValue();
        raw(b ? TRUE : FALSE);
    }

    public void number(String digits) {
        beforeValue();
        int n = digits.length();
        ensure(n);
        for (int i = 0; i < n; i++) buf[pos++] = (byte) digits.charAt(i);
    }

    /** An int, its digits written in place. */
    public void integer(int value) {
        if (value == Integer.MIN_VALUE) {
            number(Integer.toString(value));
            return;
        }
        beforeValue();
        ensure(11);
        if (value < 0) {
            buf[pos++] = '-';
            value = -value;
        }
        int digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10000 ? 4 : (int) Math.log10(value) + 1;
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        pos = end;
    }

    public void string(String s) {
        beforeValue();
        int n = s.length();
        if (n <= SHORT_STRING) {
            // short strings: copied char by char when plain ASCII (no array allocated); otherwise the bulk path
            ensure(n + 2);
            int start = pos;
            buf[pos++] = '"';
            int i = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') break;
                buf[pos++] = (byte) c;
            }
            if (i == n) {
                buf[pos++] = '"';
                return;
            }
            pos = start;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(b.length + 2);
        buf[pos++] = '"';
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            int c = b[i];
            if (c >= 0x20 && c != '"' && c != '\\' || c < 0) continue; // negative: UTF-8 continuation/lead bytes
            System.arraycopy(b, start, buf, pos, i - start);
            pos += i - start;
            escape(c);
            start = i + 1;
        }
        int rest = b.length - start;
        ensure(rest + 1);
        System.arraycopy(b, start, buf, pos, rest);
        pos += rest;
        buf[pos++] = '"';
    }

    /** A raw string: its bytes need no escaping. */
    private void raw(RawJsonString r) {
        beforeValue();
        int n = r.byteLength();
        ensure(n + 2);
        buf[pos++] = '"';
        r.copyTo(buf, pos);
        pos += n;
        buf[pos++] = '"';
    }

    private void escape(int c) {
        ensure(6 + 1);
        buf[pos++] = '\\';
        switch (c) {
            case '"' -> buf[pos++] = '"';
            case '\\' -> buf[pos++] = '\\';
            case '\n' -> buf[pos++] = 'n';
            case '\r' -> buf[pos++] = 'r';
            case '\t' -> buf[pos++] = 't';
            case '\b' -> buf[pos++] = 'b';
            case '\f' -> buf[pos++] = 'f';
            default -> {
                buf[pos++] = 'u';
                buf[pos++] = '0';
                buf[pos++] = '0';
                buf[pos++] = HEX[(c >> 4) & 0xf];
                buf[pos++] = HEX[c & 0xf];
            }
        }
    }

    /** Any plain value: null, String, {@link RawJsonString}, Boolean, numbers, maps, lists. */
    public void value(Object v) {
        if (v == null) nullValue();
        else if (v instanceof String s) string(s);
        else if (v instanceof JsonObject o) {
            startObject();
            for (int i = 0, n = o.size(); i < n; i++) {
                name(o.keyAt(i));
                value(o.valueAt(i));
            }
            endObject();
        } else if (v instanceof RawJsonString r) raw(r);
        else if (v instanceof Integer i) integer(i);
        else if (v instanceof Boolean b) bool(b);
        else if (v instanceof List<?> l) {
            startArray();
            for (int i = 0, n = l.size(); i < n; i++) value(l.get(i));
            endArray();
        } else if (v instanceof Map<?, ?> m) {
            startObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                name(String.valueOf(e.getKey()));
                value(e.getValue());
            }
            endObject();
        } else if (v instanceof Long l) number(Long.toString(l));
        else if (v instanceof Double d) number(doubleText(d));
        else if (v instanceof Float f) number(doubleText(f.doubleValue()));
        else if (v instanceof BigInteger bi) number(bi.toString());
        else if (v instanceof BigDecimal bd) number(bd.toString());
        else if (v instanceof Number n) number(n.toString());
        else if (v instanceof Iterable<?> it) {
            startArray();
            for (Object o : it) value(o);
            endArray();
        } else string(v.toString());
    }

    /** Doubles as Jackson writes them (Java's shortest form; NaN and infinities are not JSON: quoted). */
    private static String doubleText(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "\"" + d + "\"";
    }

    public int size() {
        return pos;
    }

    /** The written bytes as a Vert.x buffer (no copy). */
    public io.vertx.core.buffer.Buffer toBuffer() {
        return io.vertx.core.internal.buffer.BufferInternal.buffer(io.netty.buffer.Unpooled.wrappedBuffer(buf, 0, pos));
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, pos);
    }
}
