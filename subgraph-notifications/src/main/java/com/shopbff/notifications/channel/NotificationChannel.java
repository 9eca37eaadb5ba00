package com.shopbff.notifications.channel;

import com.shopbff.notifications.customer.CustomerDirectory.Contact;
import com.shopbff.notifications.notification.StoredNotification;
import com.shopbff.notifications.preferences.Preferences;

import java.util.Optional;

/**
 * A way to reach a customer outside the app (email, SMS, push). In-app notifications are stored for every event
 * regardless of channels; a channel is a Spring bean, and {@link DeliveryService} sends through it asynchronously,
 * with retries and a dead-letter record per channel ({@code <name>_dead_letters}) after the last failure.
 * A new provider (SMS, push) is one more implementation of this interface.
 */
public interface NotificationChannel {
    /** Stable name: the key of the delivery state in the notification and the prefix of the dead-letter collection. */
    String name();

    /** Whether this instance is configured to use the channel (e.g. an SMTP server is set for email). */
    boolean isEnabled();

    /** Whether the customer wants notifications of this kind through this channel. */
    default boolean isWantedBy(Preferences preferences, String kind) {
        return true;
    }

    /**
     * Sends one notification; throws when it could not be sent (the delivery is retried, then dead-lettered).
     *
     * @param contact the customer's contact details from this subgraph's projection, empty when unknown
     */
    void send(StoredNotification notification, Optional<Contact> contact) throws Exception;
}
