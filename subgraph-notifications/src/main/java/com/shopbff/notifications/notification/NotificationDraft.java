package com.shopbff.notifications.notification;

import java.util.Objects;

/** What a template made of an event: the notification for one customer, before it is stored. */
public record NotificationDraft(String customerId, String kind, String title, String body, String orderId) {
    public NotificationDraft {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }
}
