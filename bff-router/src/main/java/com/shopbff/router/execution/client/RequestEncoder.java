package com.shopbff.router.execution.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.util.Map;

/**
 * A subgraph request as one buffer: the subgraph's constant head (request line, host, content-type, accept), the
 * forwarded headers, {@code content-length}, the body. No header map is built.
 */
final class RequestEncoder {
    private static final byte[] CONTENT_LENGTH = "content-length: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private RequestEncoder() {
    }

    /**
     * @throws IllegalArgumentException when a forwarded header's name or value cannot be sent (line breaks, control
     *                                  characters)
     */
    static ByteBuf encode(ByteBufAllocator alloc, byte[] head, Map<String, String> headers, byte[] body) {
        int size = head.length + CONTENT_LENGTH.length + 16 + body.length;
        for (Map.Entry<String, String> h : headers.entrySet()) size += h.getKey().length() + h.getValue().length() + 4;
        ByteBuf b = alloc.buffer(size);
        try {
            b.writeBytes(head);
            for (Map.Entry<String, String> h : headers.entrySet()) {
                String name = h.getKey();
                String value = h.getValue();
                if (framing(name)) continue; // this client frames the message itself
                checkName(name);
                checkValue(name, value);
                ByteBufUtil.writeAscii(b, name);
                b.writeByte(':').writeByte(' ');
                ByteBufUtil.writeAscii(b, value);
                b.writeByte('\r').writeByte('\n');
            }
            b.writeBytes(CONTENT_LENGTH);
            ByteBufUtil.writeAscii(b, Integer.toString(body.length));
            b.writeByte('\r').writeByte('\n').writeByte('\r').writeByte('\n');
            b.writeBytes(body);
            return b;
        } catch (RuntimeException e) {
            b.release();
            throw e;
        }
    }

    private static boolean framing(String name) {
        return switch (name.length()) {
            case 4 -> name.equalsIgnoreCase("host");
            case 10 -> name.equalsIgnoreCase("connection");
            case 14 -> name.equalsIgnoreCase("content-length");
            case 17 -> name.equalsIgnoreCase("transfer-encoding");
            default -> false;
        };
    }

    private static void checkName(String name) {
        if (name.isEmpty()) throw new IllegalArgumentException("empty header name");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || c == ':') {
                throw new IllegalArgumentException("header name '" + name + "' has a character HTTP does not allow");
            }
        }
    }

    private static void checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header '" + name + "' has a line break or NUL in its value");
            }
        }
    }
}
