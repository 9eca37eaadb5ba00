package com.shopbff.notifications.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the notifications subgraph ({@code shop.notifications.*}); see subgraph-notifications/README.md.
 *
 * @param retention         notifications older than this are deleted by the retention sweep
 * @param delivery          how external channels (email, SMS, push) are retried
 * @param emailFrom         sender address of notification emails
 * @param logChannelEnabled whether the logging channel (a stand-in for SMS/push providers) "delivers" every notification
 * @param logAccountLinks   without an SMTP server, write account emails (with their verification and reset links) to
 *                          the log instead, so a developer can follow them; never turn on where logs are shared
 */
@ConfigurationProperties("shop.notifications")
public record NotificationsProperties(
        @DefaultValue("180d") Duration retention,
        @DefaultValue Delivery delivery,
        @DefaultValue("notifications@shop.example") String emailFrom,
        @DefaultValue("true") boolean logChannelEnabled,
        @DefaultValue("false") boolean logAccountLinks) {

    /**
     * @param maxAttempts    attempts per channel before the delivery goes to the channel's dead letters
     * @param initialBackoff wait after the first failure; doubled after each further failure
     * @param claimTimeout   how long an instance owns a delivery it is sending before another may take it over
     * @param batchSize      deliveries looked at per poll
     */
    public record Delivery(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("1m") Duration claimTimeout,
            @DefaultValue("100") int batchSize) {
        public Delivery {
            if (maxAttempts < 1) throw new IllegalArgumentException("shop.notifications.delivery.max-attempts must be at least 1");
        }

        /** The wait before attempt {@code failedAttempts + 1}: initialBackoff, then doubling. */
        public Duration backoffAfter(int failedAttempts) {
            return initialBackoff.multipliedBy(1L << Math.min(20, Math.max(0, failedAttempts - 1)));
        }
    }
}
