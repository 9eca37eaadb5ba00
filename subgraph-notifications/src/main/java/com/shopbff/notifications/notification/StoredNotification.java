package com.shopbff.notifications.notification;

import java.time.Instant;

/** A notification as kept in the {@code notifications} collection; {@code id} is the id of the event that caused it. */
public record StoredNotification(String id, String customerId, String kind, String title, String body, String orderId,
                                 boolean read, Instant createdAt) {

    public static StoredNotification of(String id, NotificationDraft draft, Instant createdAt) {
        return new StoredNotification(id, draft.customerId(), draft.kind(), draft.title(), draft.body(), draft.orderId(), false, createdAt);
    }
}
