package com.shopbff.notifications.notification;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.notifications.generated.DgsConstants;
import com.shopbff.notifications.generated.types.MarkAllReadPayload;
import com.shopbff.notifications.generated.types.NotificationConnection;
import com.shopbff.notifications.generated.types.NotificationEdge;
import com.shopbff.notifications.generated.types.NotificationPayload;
import com.shopbff.notifications.generated.types.PageInfo;
import com.shopbff.notifications.generated.types.UserError;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import com.shopbff.support.errors.ShopGraphQLException;
import com.shopbff.support.paging.Cursors;
import graphql.schema.DataFetchingEnvironment;

import java.time.Instant;
import java.util.List;

/** The signed-in customer's notification history; every field is about the caller's own notifications, admins included. */
@DgsComponent
public class NotificationDataFetcher {
    private final NotificationService service;

    public NotificationDataFetcher(NotificationService service) {
        this.service = service;
    }

    @DgsQuery(field = DgsConstants.QUERY.MyNotifications)
    public NotificationConnection myNotifications(@InputArgument Integer first, @InputArgument String after,
                                                  @InputArgument Boolean unreadOnly, DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        int size = Cursors.pageSize(first);
        NotificationService.Page page = service.history(viewer.customerId(), Boolean.TRUE.equals(unreadOnly),
                after == null ? null : position(after), size);
        List<NotificationEdge> edges = page.items().stream()
                .map(n -> NotificationEdge.newBuilder().cursor(cursor(n)).node(NotificationMapper.toGraphQL(n)).build()).toList();
        return NotificationConnection.newBuilder().edges(edges).totalCount((int) page.totalCount())
                .pageInfo(PageInfo.newBuilder().hasNextPage(page.hasNextPage())
                        .endCursor(edges.isEmpty() ? null : edges.getLast().getCursor()).build())
                .build();
    }

    @DgsQuery(field = DgsConstants.QUERY.UnreadNotificationCount)
    public int unreadNotificationCount(DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        return (int) service.unreadCount(viewer.customerId());
    }

    @DgsMutation(field = DgsConstants.MUTATION.MarkNotificationRead)
    public NotificationPayload markNotificationRead(@InputArgument String id, DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        return service.markRead(viewer.customerId(), id)
                .map(n -> NotificationPayload.newBuilder().notification(NotificationMapper.toGraphQL(n)).userErrors(List.of()).build())
                .orElseGet(() -> NotificationPayload.newBuilder().userErrors(List.of(UserError.newBuilder().code("NOT_FOUND")
                        .field(List.of(DgsConstants.MUTATION.MARKNOTIFICATIONREAD_INPUT_ARGUMENT.Id))
                        .message("you have no notification with this id").build())).build());
    }

    @DgsMutation(field = DgsConstants.MUTATION.MarkAllNotificationsRead)
    public MarkAllReadPayload markAllNotificationsRead(DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        return MarkAllReadPayload.newBuilder().markedCount((int) service.markAllRead(viewer.customerId())).userErrors(List.of()).build();
    }

    private static String cursor(StoredNotification n) {
        return Cursors.encode(n.createdAt().toEpochMilli() + ":" + n.id());
    }

    private static NotificationRepository.Position position(String cursor) {
        String raw = Cursors.decode(cursor);
        int colon = raw.indexOf(':');
        try {
            if (colon <= 0) throw new NumberFormatException();
            return new NotificationRepository.Position(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ShopGraphQLException.badInput("invalid cursor");
        }
    }
}
