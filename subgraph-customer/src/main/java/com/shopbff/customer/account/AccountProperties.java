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
 */
@ConfigurationProperties("shop.accounts")
public record AccountProperties(Integer maxFailuresPerAccount, Duration accountLockout, Integer maxFailuresPerClient,
                                Duration clientWindow, Integer bcryptStrength, Integer maxAddresses) {
    public AccountProperties {
        if (maxFailuresPerAccount == null) maxFailuresPerAccount = 10;
        if (accountLockout == null) accountLockout = Duration.ofMinutes(15);
        if (maxFailuresPerClient == null) maxFailuresPerClient = 100;
        if (clientWindow == null) clientWindow = Duration.ofMinutes(15);
        if (bcryptStrength == null) bcryptStrength = 10;
        if (maxAddresses == null) maxAddresses = 20;
    }
}
