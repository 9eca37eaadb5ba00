package com.shopbff.customer.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The single-use tokens of emailed links (email verification, password reset): {@code <customer id>.<secret>}, the
 * secret 256 random bits. Only {@code SHA-256(secret)} is stored, in the account document itself
 * ({@link CustomerDocument#verification()}, {@link CustomerDocument#passwordReset()}), so a token is found by the
 * account's {@code _id} and used up by one conditional update of that document; the hashes of used tokens are kept
 * ({@code usedTokens}, the last 10) to tell a reused link from a wrong one.
 */
public final class AccountTokens {
    static final int KEPT_USED = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccountTokens() {}

    /** A token waiting in the account: the hash of its secret, the address it confirms (verification), its expiry. */
    public record PendingToken(String hash, String email, Instant expiresAt) {}

    /** A new token for the account, and what to store of it. */
    public record Issued(String token, PendingToken pending) {}

    public static Issued issue(String customerId, String email, Instant expiresAt) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        return new Issued(customerId + "." + secret, new PendingToken(hash(secret), email, expiresAt));
    }

    public record Parsed(String customerId, String secretHash) {}

    /** Empty for anything that is not shaped like one of our tokens. */
    public static Optional<Parsed> parse(String token) {
        if (token == null || token.length() > 200) return Optional.empty();
        String t = token.trim();
        int dot = t.lastIndexOf('.');
        if (dot <= 0 || dot == t.length() - 1) return Optional.empty();
        return Optional.of(new Parsed(t.substring(0, dot), hash(t.substring(dot + 1))));
    }

    /** Why a presented token does not work, or null when it does. */
    public enum Problem { INVALID, EXPIRED, USED }

    public static Problem check(PendingToken pending, CustomerDocument account, String secretHash, Instant now) {
        if (pending != null && MessageDigest.isEqual(bytes(pending.hash()), bytes(secretHash))) {
            return pending.expiresAt().isBefore(now) ? Problem.EXPIRED : null;
        }
        return account.usedTokens().contains(secretHash) ? Problem.USED : Problem.INVALID;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(secret)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
