package com.shopbff.notifications.notification;

import com.shopbff.contracts.NotificationEvent.NotificationCreated;
import com.shopbff.notifications.generated.types.Notification;
import com.shopbff.notifications.generated.types.Order;

import java.time.Instant;
import java.time.ZoneOffset;

/** Stored notifications and NotificationCreated events to the GraphQL type; the order is a reference the orders subgraph resolves. */
public final class NotificationMapper {
    private NotificationMapper() {}

    public static Notification toGraphQL(StoredNotification n) {
        return build(n.id(), n.kind(), n.title(), n.body(), n.orderId(), n.read(), n.createdAt());
    }

    public static Notification toGraphQL(NotificationCreated n) {
        return build(n.notificationId(), n.kind(), n.title(), n.body(), n.orderId(), false, n.createdAt());
    }

    private static Notification build(String id, String kind, String title, String body, String orderId, boolean read, Instant at) {
        return Notification.newBuilder().id(id).kind(kind).title(title).body(body)
                .order(orderId == null ? null : Order.newBuilder().id(orderId).build())
                .read(read).createdAt(at.atOffset(ZoneOffset.UTC)).build();
    }
}
