package com.shopbff.orders.live;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsSubscription;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.contracts.OrderEvent;
import com.shopbff.orders.generated.DgsConstants;
import com.shopbff.orders.generated.types.Order;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.generated.types.OrderStatusEvent;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.orders.order.OrderViews;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import com.shopbff.support.errors.ShopGraphQLException;
import graphql.schema.DataFetchingEnvironment;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;

/**
 * {@code orderStatusChanged(orderId)}: the changes of one order (owner or ADMIN), or, without orderId, of every
 * order of the caller (an ADMIN without orderId gets every order's changes, for the shop's dashboard).
 * Each event carries the order as stored, with the status of that event.
 */
@DgsComponent
public class OrderStatusSubscriptionDataFetcher {
    private static final int BUFFER = 1024;
    private final OrderEventsLiveFeed feed;
    private final OrderStore store;

    public OrderStatusSubscriptionDataFetcher(OrderEventsLiveFeed feed, OrderStore store) {
        this.feed = feed;
        this.store = store;
    }

    @DgsSubscription(field = DgsConstants.SUBSCRIPTION.OrderStatusChanged)
    public Publisher<OrderStatusEvent> orderStatusChanged(@InputArgument(name = "orderId") String orderId, DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        if (orderId != null) {
            Optional<OrderDocument> order = store.find(orderId);
            if (order.isEmpty()) throw ShopGraphQLException.notFound("no such order");
            if (!viewer.isAdmin() && !viewer.customerId().equals(order.get().customerId()))
                throw ShopGraphQLException.forbidden("this order belongs to another customer");
        }
        Flux<OrderEvent.OrderStatusChanged> mine = feed.events().filter(e -> orderId != null
                ? orderId.equals(e.orderId()) && (viewer.isAdmin() || viewer.customerId().equals(e.customerId()))
                : viewer.isAdmin() || viewer.customerId().equals(e.customerId()));
        return mine.onBackpressureBuffer(BUFFER)
                .concatMap(e -> Mono.fromCallable(() -> toEvent(e).orElse(null)).subscribeOn(Schedulers.boundedElastic()));
    }

    private Optional<OrderStatusEvent> toEvent(OrderEvent.OrderStatusChanged e) {
        return store.find(e.orderId()).map(doc -> {
            Order order = OrderViews.view(doc);
            order.setStatus(OrderStatus.valueOf(e.status()));
            return OrderStatusEvent.newBuilder().order(order).status(OrderStatus.valueOf(e.status()))
                    .previousStatus(e.previousStatus() == null ? null : OrderStatus.valueOf(e.previousStatus()))
                    .at(OrderViews.time(e.at())).build();
        });
    }
}
