package com.shopbff.contracts;

import java.time.Instant;

/**
 * Events on {@link Topics#NOTIFICATION_EVENTS}, keyed by customer id. Written by the notifications subgraph through
 * its outbox once a notification is stored, and read by every notifications instance (one consumer group per
 * instance) to push it live to the sockets that instance holds.
 */
public sealed interface NotificationEvent extends Message permits NotificationEvent.NotificationCreated {
    String customerId();

    @Override
    default String key() { return customerId(); }

    /** A stored in-app notification; {@code orderId} is null when it is not about an order. */
    record NotificationCreated(String notificationId, String customerId, String kind, String title, String body,
                               String orderId, Instant createdAt) implements NotificationEvent {}
}
