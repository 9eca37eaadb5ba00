package com.shopbff.customer.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Data exports and erasures ({@code shop.privacy.*}).
 *
 * @param sources          the subgraphs that answer an export or an erasure (this one, {@code customer}, included): a
 *                         request is complete when each has answered
 * @param resendAfter      a missing answer is asked for again after this, then after twice as long, up to
 *                         {@code maxResendInterval}
 * @param maxResendInterval the longest wait between two resends (an erasure is resent until every subgraph answered)
 * @param exportTimeout    an export still missing a part after this fails (the customer may ask again)
 * @param exportTtl        a ready export (its document) is deleted after this; the audit entry stays
 * @param maxExportsPerDay exports one customer may ask for in 24 hours
 * @param sweepInterval    how often resends, timeouts and expiries are looked at
 */
@ConfigurationProperties("shop.privacy")
public record PrivacyProperties(List<String> sources, Duration resendAfter, Duration maxResendInterval, Duration exportTimeout,
                                Duration exportTtl, Integer maxExportsPerDay, Duration sweepInterval) {
    public static final String SELF = "customer";

    public PrivacyProperties {
        if (sources == null || sources.isEmpty()) sources = List.of(SELF, "orders", "wallet", "notifications");
        if (!sources.contains(SELF)) throw new IllegalArgumentException("shop.privacy.sources must include " + SELF + ": " + sources);
        sources = List.copyOf(sources);
        if (resendAfter == null) resendAfter = Duration.ofSeconds(30);
        if (maxResendInterval == null) maxResendInterval = Duration.ofMinutes(10);
        if (exportTimeout == null) exportTimeout = Duration.ofMinutes(5);
        if (exportTtl == null) exportTtl = Duration.ofDays(7);
        if (maxExportsPerDay == null) maxExportsPerDay = 5;
        if (sweepInterval == null) sweepInterval = Duration.ofSeconds(5);
    }

    /** The wait before the n-th resend (n = 1, 2, ...). */
    public Duration resendDelay(int attempt) {
        Duration d = resendAfter.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return d.compareTo(maxResendInterval) > 0 ? maxResendInterval : d;
    }
}
