package com.shopbff.notifications.live;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsSubscription;
import com.shopbff.notifications.generated.DgsConstants;
import com.shopbff.notifications.generated.types.Notification;
import com.shopbff.notifications.notification.NotificationMapper;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import graphql.schema.DataFetchingEnvironment;
import org.reactivestreams.Publisher;

/** {@code notificationAdded}: the caller's new notifications, live, over graphql-transport-ws. */
@DgsComponent
public class NotificationSubscriptionDataFetcher {
    private final LiveNotifications live;

    public NotificationSubscriptionDataFetcher(LiveNotifications live) {
        this.live = live;
    }

    @DgsSubscription(field = DgsConstants.SUBSCRIPTION.NotificationAdded)
    public Publisher<Notification> notificationAdded(DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        return live.forCustomer(viewer.customerId()).map(NotificationMapper::toGraphQL);
    }
}
