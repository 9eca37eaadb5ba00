package com.shopbff.router.json;

import java.nio.charset.StandardCharsets;

/**
 * A long string value of subgraph data kept as the UTF-8 bytes it arrived as (a slice of the response body, no
 * escapes in it): the response writer copies the bytes as they are, with no decoding when the subgraph response is
 * parsed and no encoding or escaping when the client response is written. Made by {@link JsonReader} for strings
 * under a response's {@code data} that are ASCII without escapes, from {@link JsonReader#RAW_FROM} bytes on (identifiers and enum values are
 * shorter and stay {@code String}s). Anything that needs the text gets it from {@link #toString()}; two raw strings
 * are equal when their text is. Holds on to the body it slices, which lives as long as the request's data anyway.
 */
public final class RawJsonString {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private String text;

    RawJsonString(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** Copies the (ASCII) bytes between the quotes into {@code dst} at {@code at}. */
    void copyTo(byte[] dst, int at) {
        System.arraycopy(bytes, offset, dst, at, length);
    }

    /** Number of UTF-8 bytes. */
    int byteLength() {
        return length;
    }

    @Override
    public String toString() {
        String s = text;
        if (s == null) text = s = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof RawJsonString r && java.util.Arrays.equals(bytes, offset, offset + length,
                r.bytes, r.offset, r.offset + r.length);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
