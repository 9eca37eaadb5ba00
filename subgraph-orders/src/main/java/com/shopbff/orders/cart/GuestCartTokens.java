package com.shopbff.orders.cart;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Guest cart tokens: 256 random bits, {@code gc_} + base64url, held only by the visitor's client. The cart is stored
 * under the token's SHA-256, so the database never holds a usable token.
 */
public final class GuestCartTokens {
    private static final String PREFIX = "gc_";
    private static final String ID_PREFIX = "guest-";
    private static final Pattern FORMAT = Pattern.compile("gc_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private GuestCartTokens() {
    }

    public static String issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The cart id of a well-formed token; empty for anything else. */
    public static Optional<String> cartIdOf(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) return Optional.empty();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Optional.of(ID_PREFIX + HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isGuestCartId(String cartId) {
        return cartId != null && cartId.startsWith(ID_PREFIX);
    }
}
