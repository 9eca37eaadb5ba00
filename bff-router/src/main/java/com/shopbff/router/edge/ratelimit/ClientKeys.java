package com.shopbff.router.edge.ratelimit;

import java.util.List;

/**
 * Who a request counts against: the JWT subject when signed in; else the client address from
 * {@code X-Forwarded-For} when the direct peer is a trusted proxy; else the peer's socket address.
 */
public final class ClientKeys {
    private final List<Cidr> trusted;

    public ClientKeys(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
    }

    /** The client's address: the peer, or with a trusted peer the right-most untrusted {@code X-Forwarded-For} hop. */
    public String address(String peer, String forwardedFor) {
        if (peer == null) peer = "unknown";
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer)) return peer;
        String[] hops = forwardedFor.split(",");
        String leftmost = null;
        for (int i = hops.length - 1; i >= 0; i--) {
            String h = hops[i].trim();
            if (h.isEmpty()) continue;
            leftmost = h;
            if (Cidr.literal(h) == null) return h.length() > 64 ? h.substring(0, 64) : h; // a proxy wrote a name: use it as is
            if (!isTrusted(h)) return h;
        }
        return leftmost == null ? peer : leftmost;
    }

    /** The bucket key: {@code sub:<subject>} or {@code ip:<address>}. */
    public String key(String subject, String peer, String forwardedFor) {
        if (subject != null && !subject.isEmpty()) return "sub:" + subject;
        return "ip:" + address(peer, forwardedFor);
    }

    private boolean isTrusted(String address) {
        for (Cidr c : trusted) if (c.contains(address)) return true;
        return false;
    }
}
