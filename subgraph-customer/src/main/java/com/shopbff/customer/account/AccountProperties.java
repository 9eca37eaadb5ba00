package com.shopbff.customer.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Account settings ({@code shop.accounts.*}).
 *
 * @param maxFailuresPerAccount failed sign-ins in a row (per email) before the email is locked
 * @param accountLockout        how long such a lock lasts
 * @param maxFailuresPerClient  failed sign-ins one client address may make within {@code clientWindow}
 * @param clientWindow          the sliding window of the per-address limit
 * @param bcryptStrength        log2 of the bcrypt work factor
 * @param maxAddresses          size limit of one address book
 * @param verifyEmailUrl        the link in verification emails; {@code {token}} is replaced by the token (a page of
 *                              the web client that calls {@code verifyEmail})
 * @param resetPasswordUrl      the link in password-reset emails; {@code {token}} is replaced by the token
 * @param verificationTtl       how long a verification link works
 * @param resetTtl              how long a password-reset link works
 * @param emailResendInterval   at most one verification (or reset) email per account in this time
 */
@ConfigurationProperties("shop.accounts")
public record AccountProperties(Integer maxFailuresPerAccount, Duration accountLockout, Integer maxFailuresPerClient,
                                Duration clientWindow, Integer bcryptStrength, Integer maxAddresses, String verifyEmailUrl,
                                String resetPasswordUrl, Duration verificationTtl, Duration resetTtl, Duration emailResendInterval) {
    public AccountProperties {
        if (maxFailuresPerAccount == null) maxFailuresPerAccount = 10;
        if (accountLockout == null) accountLockout = Duration.ofMinutes(15);
        if (maxFailuresPerClient == null) maxFailuresPerClient = 100;
        if (clientWindow == null) clientWindow = Duration.ofMinutes(15);
        if (bcryptStrength == null) bcryptStrength = 10;
        if (maxAddresses == null) maxAddresses = 20;
        if (verifyEmailUrl == null || verifyEmailUrl.isBlank()) verifyEmailUrl = "http://localhost:4080/verify-email?token={token}";
        if (resetPasswordUrl == null || resetPasswordUrl.isBlank()) resetPasswordUrl = "http://localhost:4080/reset-password?token={token}";
        for (String url : new String[]{verifyEmailUrl, resetPasswordUrl}) {
            if (!url.contains("{token}")) {
                throw new IllegalArgumentException("shop.accounts.verify-email-url and reset-password-url must contain {token}: " + url);
            }
        }
        if (verificationTtl == null) verificationTtl = Duration.ofHours(24);
        if (resetTtl == null) resetTtl = Duration.ofHours(1);
        if (emailResendInterval == null) emailResendInterval = Duration.ofMinutes(1);
    }

    /** The verification link for a token. */
    public String verifyEmailLink(String token) {
        return verifyEmailUrl.replace("{token}", java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The password-reset link for a token. */
    public String resetPasswordLink(String token) {
        return resetPasswordUrl.replace("{token}", java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
    }
}
