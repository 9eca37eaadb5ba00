package com.shopbff.customer.account;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt (Spring Security's encoder). A sign-in for an email without a password still runs one bcrypt
 * comparison against a dummy hash, so the response time does not tell whether the email has an account.
 */
@Component
public class PasswordHasher {
    public static final int MIN_LENGTH = 8;
    /** bcrypt only reads the first 72 bytes; longer passwords are refused rather than silently truncated. */
    public static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder encoder;
    private final String dummyHash;

    public PasswordHasher(AccountProperties properties) {
        this.encoder = new BCryptPasswordEncoder(properties.bcryptStrength());
        this.dummyHash = encoder.encode("dummy-password-for-timing");
    }

    public static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    /** Compares in constant work whether or not there is a hash to compare with. */
    public boolean matches(String password, String hashOrNull) {
        if (password == null || tooLong(password)) {
            encoder.matches("x", dummyHash);
            return false;
        }
        if (hashOrNull == null) {
            encoder.matches(password, dummyHash);
            return false;
        }
        return encoder.matches(password, hashOrNull);
    }
}
