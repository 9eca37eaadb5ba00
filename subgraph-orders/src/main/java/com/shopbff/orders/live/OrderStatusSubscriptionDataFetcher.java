package com.shopbff.orders.live;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsSubscription;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.contracts.OrderEvent;
import com.shopbff.orders.generated.DgsConstants;
import com.shopbff.orders.generated.types.Customer;
import com.shopbff.orders.generated.types.Order;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.generated.types.OrderStatusEvent;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.orders.order.OrderViews;
import com.shopbff.orders.graphql.Payloads;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import com.shopbff.support.errors.ShopGraphQLException;
import graphql.schema.DataFetchingEnvironment;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code orderStatusChanged(orderId)}: the changes of one order (owner or ADMIN), or, without orderId, of every
 * order of the caller (an ADMIN without orderId gets every order's changes, for the shop's dashboard).
 * Each event carries the order as stored, with the status of that event.
 */
@DgsComponent
public class OrderStatusSubscriptionDataFetcher {
    private static final int BUFFER = 1024;
    /**
     * The order read for an event, shared by every subscription that receives that event: one read of the order per
     * change, not one per subscriber (2 000 sockets of one customer used to read it 2 000 times).
     */
    private final Cache<String, Mono<OrderStatusEvent>> resolved = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();
    private final OrderEventsLiveFeed feed;
    private final OrderStore store;
    private final LiveFeedTimings timings;

    public OrderStatusSubscriptionDataFetcher(OrderEventsLiveFeed feed, OrderStore store, LiveFeedTimings timings) {
        this.feed = feed;
        this.store = store;
        this.timings = timings;
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
        Flux<OrderEvent.OrderStatusChanged> mine = orderId != null
                ? feed.order(orderId).filter(e -> viewer.isAdmin() || viewer.customerId().equals(e.customerId()))
                : viewer.isAdmin() ? feed.everyOrder() : feed.customer(viewer.customerId());
        if (onlyEventFields(env)) {
            // Everything asked for is in the event itself: no read of the order per event.
            return mine.onBackpressureBuffer(BUFFER).map(e -> rendered(e, event(e, fromEvent(e))));
        }
        return mine.onBackpressureBuffer(BUFFER).concatMap(this::resolved).map(e -> rendered(null, e));
    }

    private OrderStatusEvent rendered(OrderEvent.OrderStatusChanged e, OrderStatusEvent out) {
        if (e != null) timings.rendered(e.at());
        else if (out.getAt() != null) timings.rendered(out.getAt().toInstant());
        return out;
    }

    /** The Order fields an OrderStatusChanged event carries. */
    private static final Set<String> EVENT_ORDER_FIELDS = Set.of("id", "number", "status", "customer", "total", "__typename");

    /** Whether the subscription asks for no order field beyond those in the event (e.g. a live status badge). */
    static boolean onlyEventFields(DataFetchingEnvironment env) {
        return env.getSelectionSet().getImmediateFields().stream()
                .filter(f -> f.getName().equals("order"))
                .flatMap(f -> f.getSelectionSet().getImmediateFields().stream())
                .allMatch(f -> EVENT_ORDER_FIELDS.contains(f.getName())
                        && (!f.getName().equals("customer") || f.getSelectionSet().getImmediateFields().stream()
                                .allMatch(c -> c.getName().equals("id") || c.getName().equals("__typename"))));
    }

    private static Order fromEvent(OrderEvent.OrderStatusChanged e) {
        return Order.newBuilder().id(e.orderId()).number(e.orderNumber())
                .customer(Customer.newBuilder().id(e.customerId()).build())
                .status(OrderStatus.valueOf(e.status()))
                .total(Payloads.money(e.totalMinor(), e.currency()))
                .build();
    }

    private static OrderStatusEvent event(OrderEvent.OrderStatusChanged e, Order order) {
        return OrderStatusEvent.newBuilder().order(order).status(OrderStatus.valueOf(e.status()))
                .previousStatus(e.previousStatus() == null ? null : OrderStatus.valueOf(e.previousStatus()))
                .at(OrderViews.time(e.at())).build();
    }

    /** The event with its order as stored, read once per change whoever subscribes (see {@link #resolved}). */
    private Mono<OrderStatusEvent> resolved(OrderEvent.OrderStatusChanged e) {
        return resolved.get(e.orderId() + "@" + e.version(), k -> Mono.fromCallable(() -> toEvent(e).orElse(null))
                .subscribeOn(Schedulers.boundedElastic()).cache());
    }

    private Optional<OrderStatusEvent> toEvent(OrderEvent.OrderStatusChanged e) {
        return store.find(e.orderId()).map(doc -> {
            Order order = OrderViews.view(doc);
            order.setStatus(OrderStatus.valueOf(e.status()));
            return event(e, order);
        });
    }
}
