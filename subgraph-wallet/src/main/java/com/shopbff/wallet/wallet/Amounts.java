package com.shopbff.wallet.wallet;

import com.shopbff.support.money.MoneyFormat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/** Input rules shared by the mutations. */
final class Amounts {
    static final int MAX_KEY_LENGTH = 200;

    private Amounts() {}

    /** A strictly positive amount of at most two decimals and at most {@code maxMinor}. */
    static Either positive(String amount, long maxMinor) {
        Optional<Long> parsed = MoneyFormat.parse(amount);
        if (parsed.isEmpty()) {
            return Either.problem(Problem.onInput("amount", "INVALID_AMOUNT", "amount must be a decimal number with at most 2 decimals, e.g. \"20.00\""));
        }
        long minor = parsed.get();
        if (minor <= 0) return Either.problem(Problem.onInput("amount", "AMOUNT_NOT_POSITIVE", "amount must be greater than zero"));
        if (minor > maxMinor) {
            return Either.problem(Problem.onInput("amount", "AMOUNT_TOO_LARGE", "amount must be at most " + MoneyFormat.format(maxMinor)));
        }
        return Either.amount(minor);
    }

    /** A non-zero signed amount of at most two decimals, at most {@code maxMinor} either way. */
    static Either nonZero(String amount, long maxMinor) {
        Optional<Long> parsed = MoneyFormat.parse(amount);
        if (parsed.isEmpty()) {
            return Either.problem(Problem.onInput("amount", "INVALID_AMOUNT", "amount must be a decimal number with at most 2 decimals, e.g. \"-5.00\""));
        }
        long minor = parsed.get();
        if (minor == 0) return Either.problem(Problem.onInput("amount", "AMOUNT_NOT_POSITIVE", "an adjustment must not be zero"));
        if (Math.abs(minor) > maxMinor) {
            return Either.problem(Problem.onInput("amount", "AMOUNT_TOO_LARGE", "amount must be at most " + MoneyFormat.format(maxMinor) + " either way"));
        }
        return Either.amount(minor);
    }

    static Optional<Problem> idempotencyKey(String key, boolean required) {
        if (key == null && !required) return Optional.empty();
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return Optional.of(Problem.onInput("idempotencyKey", "INVALID_IDEMPOTENCY_KEY",
                    "idempotencyKey must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        return Optional.empty();
    }

    /** Operation ids carry a hash of the client's key: the key may be anything, and nothing personal gets stored. */
    static String keyHash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Either(Long minor, Problem problem) {
        static Either amount(long minor) { return new Either(minor, null); }
        static Either problem(Problem p) { return new Either(null, p); }
    }
}
