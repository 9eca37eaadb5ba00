package com.shopbff.customer.account;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.customer.generated.DgsConstants.CUSTOMER;
import com.shopbff.customer.generated.DgsConstants.QUERY;
import com.shopbff.customer.generated.types.Customer;
import com.shopbff.customer.generated.types.CustomerConnection;
import com.shopbff.customer.generated.types.CustomerEdge;
import com.shopbff.customer.generated.types.PageInfo;
import com.shopbff.customer.generated.types.SavedAddress;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import com.shopbff.support.errors.ShopGraphQLException;
import com.shopbff.support.paging.Cursors;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reading customers. A Customer is visible to the customer themself and to ADMIN; to anyone else an entity
 * reference resolves to null, and the personal fields are guarded once more on their own.
 */
@DgsComponent
public class CustomerDataFetcher {
    private static final int MAX_SEARCH = 100;
    private final CustomerRepository customers;

    public CustomerDataFetcher(CustomerRepository customers) {
        this.customers = customers;
    }

    /** The signed-in customer; null when anonymous (or when the account was erased meanwhile). */
    @DgsQuery(field = QUERY.Me)
    public CompletableFuture<Customer> me(DataFetchingEnvironment env) {
        Viewer viewer = Auth.viewer(env);
        if (!viewer.isAuthenticated()) return CompletableFuture.completedFuture(null);
        return loader(env).load(viewer.customerId()).thenApply(c -> c == null || c.getErasedAt() != null ? null : c);
    }

    @DgsQuery(field = QUERY.Customer)
    public CompletableFuture<Customer> customer(@InputArgument(QUERY.CUSTOMER_INPUT_ARGUMENT.Id) String id, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        return loader(env).load(id);
    }

    @DgsQuery(field = QUERY.Customers)
    public CustomerConnection customers(@InputArgument(QUERY.CUSTOMERS_INPUT_ARGUMENT.First) Integer first,
                                        @InputArgument(QUERY.CUSTOMERS_INPUT_ARGUMENT.After) String after,
                                        @InputArgument(QUERY.CUSTOMERS_INPUT_ARGUMENT.Search) String search,
                                        DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        int size = Cursors.pageSize(first);
        if (search != null && search.length() > MAX_SEARCH) throw ShopGraphQLException.badInput("search has at most " + MAX_SEARCH + " characters");
        String afterEmail = after == null ? null : Cursors.decode(after);
        List<CustomerDocument> page = customers.page(search, afterEmail, size + 1);
        boolean hasNext = page.size() > size;
        List<CustomerEdge> edges = page.stream().limit(size)
                .map(d -> CustomerEdge.newBuilder().cursor(Cursors.encode(d.emailLower())).node(CustomerMapper.toApi(d)).build()).toList();
        return CustomerConnection.newBuilder().edges(edges)
                .pageInfo(PageInfo.newBuilder().hasNextPage(hasNext).endCursor(edges.isEmpty() ? null : edges.getLast().getCursor()).build())
                .totalCount((int) customers.count(search)).build();
    }

    /** {@code _entities}: batched through the DataLoader, so one query answers every representation of a request. */
    @DgsEntityFetcher(name = CUSTOMER.TYPE_NAME)
    public CompletableFuture<Customer> customerEntity(Map<String, Object> values, DataFetchingEnvironment env) {
        Object id = values.get(CUSTOMER.Id);
        if (!(id instanceof String customerId) || !Auth.isSelfOrAdmin(env, customerId)) return CompletableFuture.completedFuture(null);
        return loader(env).load(customerId);
    }

    @DgsData(parentType = CUSTOMER.TYPE_NAME, field = CUSTOMER.Email)
    public String email(DataFetchingEnvironment env) {
        Customer c = env.getSource();
        CustomerAccess.require(env, c.getId());
        return c.getEmail();
    }

    @DgsData(parentType = CUSTOMER.TYPE_NAME, field = CUSTOMER.Phone)
    public String phone(DataFetchingEnvironment env) {
        Customer c = env.getSource();
        CustomerAccess.require(env, c.getId());
        return c.getPhone();
    }

    @DgsData(parentType = CUSTOMER.TYPE_NAME, field = CUSTOMER.Addresses)
    public List<SavedAddress> addresses(DataFetchingEnvironment env) {
        Customer c = env.getSource();
        CustomerAccess.require(env, c.getId());
        return c.getAddresses();
    }

    private static DataLoader<String, Customer> loader(DataFetchingEnvironment env) {
        return env.getDataLoader(CustomerDataLoader.NAME);
    }
}
