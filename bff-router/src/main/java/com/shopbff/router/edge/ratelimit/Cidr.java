package com.shopbff.router.edge.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block ({@code 10.0.0.0/8}, {@code ::1/128}) or a single address. */
public record Cidr(byte[] network, int bits) {
    /**
     * Parses {@code address[/bits]}; literal addresses only (no name lookups).
     *
     * @throws IllegalArgumentException when it is not an IP literal or block
     */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(addr);
        if (bytes == null) throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR block: " + text);
            }
            if (bits < 0 || bits > bytes.length * 8) throw new IllegalArgumentException("not a CIDR block: " + text);
        }
        return new Cidr(bytes, bits);
    }

    /** Whether an address literal lies in this block (false for anything that is not an IP literal). */
    public boolean contains(String address) {
        byte[] a = literal(address);
        if (a == null || a.length != network.length) return false;
        int full = bits / 8;
        for (int i = 0; i < full; i++) if (a[i] != network[i]) return false;
        int rest = bits % 8;
        if (rest == 0) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    /** Bytes of an IPv4 or IPv6 literal, or null (never resolves names). */
    static byte[] literal(String s) {
        if (s == null) return null;
        String a = s.trim();
        if (a.startsWith("[") && a.endsWith("]")) a = a.substring(1, a.length() - 1);
        if (a.isEmpty()) return null;
        boolean v6 = a.indexOf(':') >= 0;
        if (!v6) {
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                if (!(c == '.' || (c >= '0' && c <= '9'))) return null;
            }
            if (a.split("\\.", -1).length != 4) return null;
        } else {
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                if (!(c == ':' || c == '.' || c == '%' || Character.digit(c, 16) >= 0)) return null;
            }
        }
        try {
            byte[] b = InetAddress.getByName(a).getAddress(); // a literal: no lookup happens
            if (b.length == 16 && isV4Mapped(b)) return java.util.Arrays.copyOfRange(b, 12, 16);
            return b;
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
