package com.shopbff.orders.order;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.orders.generated.DgsConstants;
import com.shopbff.orders.generated.types.AdvanceOrderInput;
import com.shopbff.orders.generated.types.CancelOrderInput;
import com.shopbff.orders.generated.types.CheckoutInput;
import com.shopbff.orders.generated.types.CheckoutPayload;
import com.shopbff.orders.generated.types.Customer;
import com.shopbff.orders.generated.types.Order;
import com.shopbff.orders.generated.types.OrderConnection;
import com.shopbff.orders.generated.types.OrderFilter;
import com.shopbff.orders.generated.types.OrderPayload;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.saga.CheckoutSaga;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import com.shopbff.support.errors.ShopGraphQLException;
import com.shopbff.support.paging.Cursors;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.springframework.data.mongodb.core.query.Criteria;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static com.shopbff.orders.order.Payloads.userError;

/** Orders: queries, checkout, cancel and advance, the Order entity, and Customer.orders on the Customer entity. */
@DgsComponent
public class OrderDataFetcher {
    private final OrderStore store;
    private final CheckoutService checkout;
    private final CheckoutSaga saga;

    public OrderDataFetcher(OrderStore store, CheckoutService checkout, CheckoutSaga saga) {
        this.store = store;
        this.checkout = checkout;
        this.saga = saga;
    }

    // ------------------------------------------------------------------ queries

    /** The owner or ADMIN; null for anyone else, so an order id reveals nothing. */
    @DgsQuery(field = DgsConstants.QUERY.Order)
    public Order order(@InputArgument(name = "id") String id, DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        return store.find(id).filter(o -> visibleTo(viewer, o)).map(OrderViews::view).orElse(null);
    }

    @DgsQuery(field = DgsConstants.QUERY.MyOrders)
    public OrderConnection myOrders(@InputArgument(name = "first") Integer first, @InputArgument(name = "after") String after,
                                    @InputArgument(name = "status") OrderStatus status, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        Criteria c = Criteria.where("customerId").is(me);
        if (status != null) c = c.and("status").is(status.name());
        return page(c, first, after);
    }

    @DgsQuery(field = DgsConstants.QUERY.Orders)
    public OrderConnection orders(@InputArgument(name = "first") Integer first, @InputArgument(name = "after") String after,
                                  @InputArgument(name = "filter") OrderFilter filter, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        Criteria c = Criteria.where("_id").exists(true);
        if (filter != null) {
            if (filter.getCustomerId() != null) c = c.and("customerId").is(filter.getCustomerId());
            if (filter.getStatus() != null) c = c.and("status").is(filter.getStatus().name());
            if (filter.getPlacedFrom() != null || filter.getPlacedTo() != null) {
                Criteria placed = c.and("placedAt");
                if (filter.getPlacedFrom() != null) placed = placed.gte(filter.getPlacedFrom().toInstant());
                if (filter.getPlacedTo() != null) placed = placed.lt(filter.getPlacedTo().toInstant());
                c = placed;
            }
        }
        return page(c, first, after);
    }

    private OrderConnection page(Criteria c, Integer first, String after) {
        int size = Cursors.pageSize(first);
        long offset = OrderViews.offsetAfter(after);
        long total = store.count(c);
        List<OrderDocument> docs = size == 0 ? List.of() : store.find(c, offset, size);
        return OrderViews.connection(docs, offset, size, total);
    }

    // ------------------------------------------------------------------ entities

    @DgsEntityFetcher(name = DgsConstants.ORDER.TYPE_NAME)
    public CompletableFuture<Order> orderEntity(Map<String, Object> values, DgsDataFetchingEnvironment env) {
        Viewer viewer = Auth.viewer(env);
        DataLoader<String, OrderDocument> loader = env.getDataLoader(OrderDataLoader.NAME);
        return loader.load(String.valueOf(values.get("id")))
                .thenApply(o -> o != null && visibleTo(viewer, o) ? OrderViews.view(o) : null);
    }

    @DgsEntityFetcher(name = DgsConstants.CUSTOMER.TYPE_NAME)
    public Customer customerEntity(Map<String, Object> values) {
        return Customer.newBuilder().id(String.valueOf(values.get("id"))).build();
    }

    @DgsData(parentType = DgsConstants.CUSTOMER.TYPE_NAME, field = DgsConstants.CUSTOMER.Orders)
    public CompletableFuture<OrderConnection> customerOrders(@InputArgument(name = "first") Integer first,
                                                             @InputArgument(name = "after") String after,
                                                             DgsDataFetchingEnvironment env) {
        Customer customer = env.getSource();
        Auth.requireSelfOrAdmin(env, customer.getId());
        DataLoader<CustomerOrdersDataLoader.Key, OrderConnection> loader = env.getDataLoader(CustomerOrdersDataLoader.NAME);
        return loader.load(new CustomerOrdersDataLoader.Key(customer.getId(), OrderViews.offsetAfter(after), Cursors.pageSize(first)));
    }

    // ------------------------------------------------------------------ mutations

    @DgsMutation(field = DgsConstants.MUTATION.Checkout)
    public CheckoutPayload checkout(@InputArgument(name = "input") CheckoutInput input, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        CheckoutService.Result result = checkout.checkout(me, input);
        return CheckoutPayload.newBuilder().order(result.order() == null ? null : OrderViews.view(result.order()))
                .userErrors(result.userErrors()).build();
    }

    @DgsMutation(field = DgsConstants.MUTATION.CancelOrder)
    public OrderPayload cancelOrder(@InputArgument(name = "input") CancelOrderInput input, DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        Optional<OrderDocument> order = store.find(input.getId());
        if (order.isEmpty() || !visibleTo(viewer, order.get()))
            return refused("ORDER_NOT_FOUND", "no such order", null);
        if (input.getReason() != null && input.getReason().length() > 500)
            return refused("INVALID_REASON", "reason must be at most 500 characters", null, "input", "reason");
        return payload(saga.cancel(input.getId(), viewer.isAdmin(),
                input.getReason()), "id");
    }

    @DgsMutation(field = DgsConstants.MUTATION.AdvanceOrder)
    public OrderPayload advanceOrder(@InputArgument(name = "input") AdvanceOrderInput input, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        if (store.find(input.getId()).isEmpty()) return refused("ORDER_NOT_FOUND", "no such order", null);
        return payload(saga.advance(input.getId(), input.getStatus()), "status");
    }

    private static OrderPayload payload(CheckoutSaga.Outcome outcome, String field) {
        if (outcome.refused()) return refused(outcome.errorCode(), outcome.message(), outcome.order(), "input", field);
        return OrderPayload.newBuilder().order(OrderViews.view(outcome.order())).userErrors(List.of()).build();
    }

    private static OrderPayload refused(String code, String message, OrderDocument order, String... field) {
        return OrderPayload.newBuilder().order(order == null ? null : OrderViews.view(order))
                .userErrors(List.of(userError(code, message, field.length == 0 ? new String[]{"input", "id"} : field))).build();
    }

    static boolean visibleTo(Viewer viewer, OrderDocument order) {
        return viewer.isAuthenticated() && (viewer.isAdmin() || viewer.customerId().equals(order.customerId()));
    }

    static void requireVisible(Viewer viewer, OrderDocument order) {
        if (!visibleTo(viewer, order)) throw ShopGraphQLException.forbidden("this order belongs to another customer");
    }
}
