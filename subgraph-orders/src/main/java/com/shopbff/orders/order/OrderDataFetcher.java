package com.shopbff.orders.order;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.orders.generated.DgsConstants;
import com.shopbff.orders.generated.types.Customer;
import com.shopbff.orders.generated.types.Order;
import com.shopbff.orders.generated.types.OrderConnection;
import com.shopbff.orders.generated.types.OrderFilter;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import com.shopbff.support.errors.ShopGraphQLException;
import com.shopbff.support.paging.Cursors;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.springframework.data.mongodb.core.query.Criteria;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;


/** Orders: queries, the Order entity, and Customer.orders on the Customer entity (the mutations are checkout's). */
@DgsComponent
public class OrderDataFetcher {
    private final OrderStore store;

    public OrderDataFetcher(OrderStore store) {
        this.store = store;
    }

    // ------------------------------------------------------------------ queries

    /** The owner or ADMIN; null for anyone else, so an order id reveals nothing. */
    @DgsQuery(field = DgsConstants.QUERY.Order)
    public Order order(@InputArgument(name = "id") String id, DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        return store.find(id).filter(o -> OrderViews.visibleTo(viewer, o)).map(OrderViews::view).orElse(null);
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
            if (filter.getNumber() != null) {
                String number = filter.getNumber().strip();
                if (number.isEmpty() || number.length() > 40)
                    throw ShopGraphQLException.badInput("filter.number must be 1 to 40 characters");
                c = c.and("number").in(number, number.toUpperCase(Locale.ROOT));
            }
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
                .thenApply(o -> o != null && OrderViews.visibleTo(viewer, o) ? OrderViews.view(o) : null);
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

}
