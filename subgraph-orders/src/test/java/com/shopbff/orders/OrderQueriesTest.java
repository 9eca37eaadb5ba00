package com.shopbff.orders;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.support.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Order history, authorization, the federation entry points and statistics (erasure: OrdersPrivacyTest). */
class OrderQueriesTest extends OrdersIntegrationTest {

    @Test
    void onlyTheOwnerOrAnAdminCanReadAnOrder() {
        String alice = fresh("alice");
        String id = placeOrder(alice, product("Oolong", 750, 10), 1, ADDRESS);
        assertThat(order(TestTokens.customer(alice), id).<String>read("$.data.order.id")).isEqualTo(id);
        assertThat(order(TestTokens.admin(fresh("admin")), id).<String>read("$.data.order.id")).isEqualTo(id);
        DocumentContext bob = order(TestTokens.customer(fresh("bob")), id);
        assertThat(bob.<Object>read("$.data.order")).isNull();
        assertThat(order(null, id).<List<String>>read("$.errors[*].extensions.code")).containsExactly("UNAUTHENTICATED");
    }

    @Test
    void myOrdersPagesNewestFirstAndFiltersByStatus() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        String tea = product("Sencha", 100, 100);
        String first = placeOrder(customer, tea, 1, ADDRESS);
        String second = placeOrder(customer, tea, 1, ADDRESS);
        String third = placeOrder(customer, tea, 1, ADDRESS);
        DocumentContext page1 = http.post(token, "{ myOrders(first: 2) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }");
        assertThat(page1.<Integer>read("$.data.myOrders.totalCount")).isEqualTo(3);
        assertThat(page1.<List<String>>read("$.data.myOrders.edges[*].node.id")).containsExactly(third, second);
        assertThat(page1.<Boolean>read("$.data.myOrders.pageInfo.hasNextPage")).isTrue();
        DocumentContext page2 = http.post(token, "query($a: String) { myOrders(first: 2, after: $a) { edges { node { id } } pageInfo { hasNextPage } } }",
                "a", page1.read("$.data.myOrders.pageInfo.endCursor"));
        assertThat(page2.<List<String>>read("$.data.myOrders.edges[*].node.id")).containsExactly(first);
        assertThat(page2.<Boolean>read("$.data.myOrders.pageInfo.hasNextPage")).isFalse();
        assertThat(http.post(token, "{ myOrders(first: 101) { totalCount } }").<List<String>>read("$.errors[*].extensions.code"))
                .containsExactly("BAD_USER_INPUT");
        assertThat(http.post(token, "{ myOrders(after: \"garbage!\") { totalCount } }").<List<String>>read("$.errors[*].extensions.code"))
                .containsExactly("BAD_USER_INPUT");
        // Nobody pays in this test (no balance): every order ends FAILED.
        await().atMost(SAGA).until(() -> http.post(token, "{ myOrders(status: FAILED) { totalCount } }").<Integer>read("$.data.myOrders.totalCount") == 3);
    }

    @Test
    void theAdminListsEveryCustomersOrdersAndACustomerMayNot() {
        String customer = fresh("c");
        String id = placeOrder(customer, product("Chai", 100, 10), 1, ADDRESS);
        String admin = TestTokens.admin(fresh("admin"));
        DocumentContext all = http.post(admin, "query($f: OrderFilter) { orders(filter: $f) { totalCount edges { node { id customer { id } } } } }",
                "f", Map.of("customerId", customer));
        assertThat(all.<Integer>read("$.data.orders.totalCount")).isEqualTo(1);
        assertThat(all.<List<String>>read("$.data.orders.edges[*].node.id")).containsExactly(id);
        assertThat(all.<List<String>>read("$.data.orders.edges[*].node.customer.id")).containsExactly(customer);
        DocumentContext window = http.post(admin, "query($f: OrderFilter) { orders(filter: $f) { totalCount } }",
                "f", Map.of("customerId", customer, "placedFrom", "2000-01-01T00:00:00Z", "placedTo", "2001-01-01T00:00:00Z"));
        assertThat(window.<Integer>read("$.data.orders.totalCount")).isZero();
        DocumentContext denied = http.post(TestTokens.customer(customer), "{ orders { totalCount } }");
        assertThat(denied.<List<String>>read("$.errors[*].extensions.code")).containsExactly("FORBIDDEN");
        assertThat(denied.<Object>read("$.data")).isNull();
    }

    @Test
    void entitiesResolveOrdersAndCustomerOrdersForTheRouter() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        String tea = product("Pu-erh", 100, 10);
        String a = placeOrder(customer, tea, 1, ADDRESS), b = placeOrder(customer, tea, 2, ADDRESS);
        String entities = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id number lines { quantity product { id } } } "
                + "... on Customer { id orders { totalCount edges { node { id } } } } } }";
        List<Map<String, Object>> reps = List.of(Map.of("__typename", "Order", "id", a), Map.of("__typename", "Order", "id", b),
                Map.of("__typename", "Customer", "id", customer));
        DocumentContext r = http.post(token, entities, "r", reps);
        assertThat(r.<List<String>>read("$.data._entities[0:2].id")).containsExactly(a, b);
        assertThat(r.<Integer>read("$.data._entities[1].lines[0].quantity")).isEqualTo(2);
        assertThat(r.<String>read("$.data._entities[1].lines[0].product.id")).isEqualTo(tea);
        assertThat(r.<Integer>read("$.data._entities[2].orders.totalCount")).isEqualTo(2);

        DocumentContext stranger = http.post(TestTokens.customer(fresh("bob")), entities, "r", reps);
        assertThat(stranger.<Object>read("$.data._entities[0]")).isNull();
        assertThat(stranger.<List<String>>read("$.errors[*].extensions.code")).contains("FORBIDDEN");
    }

    @Test
    void statisticsCountPaidOrders() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 10_000L);
        String tea = product("Gyokuro", 1000, 10);
        String paid = placeOrder(customer, tea, 1, ADDRESS);
        awaitStatus(token, paid, "CONFIRMED");
        String paid2 = placeOrder(customer, tea, 2, ADDRESS);
        awaitStatus(token, paid2, "CONFIRMED");
        // 7 x 10.00 + 2.50 is more than the 65.00 left in the wallet (the cart refuses more than the 7 in stock).
        String failed = placeOrder(customer, tea, 7, ADDRESS);
        awaitStatus(token, failed, "FAILED");
        DocumentContext mine = http.post(token, "{ myOrderStats { orderCount totalSpent { amount } averageOrderValue { amount } } }");
        assertThat(mine.<Integer>read("$.data.myOrderStats.orderCount")).isEqualTo(2);
        assertThat(mine.<String>read("$.data.myOrderStats.totalSpent.amount")).isEqualTo("35.00");
        assertThat(mine.<String>read("$.data.myOrderStats.averageOrderValue.amount")).isEqualTo("17.50");

        DocumentContext shop = http.post(TestTokens.admin(fresh("admin")), "{ orderStats { countsByStatus { status count } revenueByDay { day revenue { amount } orderCount } averageOrderValue { amount } topCustomers { customer { id } orderCount totalSpent { amount } } } }");
        assertThat(shop.<List<String>>read("$.data.orderStats.countsByStatus[*].status")).contains("CONFIRMED", "FAILED");
        assertThat(shop.<List<?>>read("$.data.orderStats.revenueByDay")).isNotEmpty();
        assertThat(shop.<List<String>>read("$.data.orderStats.topCustomers[*].customer.id")).isNotEmpty();
        assertThat(http.post(token, "{ orderStats { averageOrderValue { amount } } }").<List<String>>read("$.errors[*].extensions.code"))
                .containsExactly("FORBIDDEN");
    }

    @Test
    void aSavedAddressFromTheCustomerSubgraphCanBeUsedByItsId() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.send(Topics.CUSTOMER_EVENTS, new CustomerEvent.AddressBookChanged(customer,
                List.of(new CustomerEvent.Address("home", "9 Leaf Lane", null, "York", "YO1 1AA", "GB"))));
        addToCart(token, product("Lapsang", 100, 10), 1);
        DocumentContext co = checkout(token, Map.of("addressId", "home"), fresh("key"));
        assertThat(co.<String>read("$.data.checkout.order.delivery.address.line1")).isEqualTo("9 Leaf Lane");
    }

    @Test
    void anAdminFindsAnOrderByItsNumber() {
        String customer = fresh("c"), admin = TestTokens.admin(fresh("admin"));
        String tea = product("Lapsang", 100, 10);
        String id = placeOrder(customer, tea, 1, ADDRESS);
        placeOrder(customer, tea, 1, ADDRESS);
        String number = order(admin, id).read("$.data.order.number");
        String byNumber = "query($f: OrderFilter) { orders(filter: $f) { totalCount edges { node { id number } } } }";
        DocumentContext found = http.post(admin, byNumber, "f", Map.of("number", " " + number.toLowerCase() + " "));
        assertThat(found.<Integer>read("$.data.orders.totalCount")).isEqualTo(1);
        assertThat(found.<String>read("$.data.orders.edges[0].node.id")).isEqualTo(id);
        assertThat(http.post(admin, byNumber, "f", Map.of("number", "SO-1999-000000")).<Integer>read("$.data.orders.totalCount")).isZero();
        assertThat(http.post(admin, byNumber, "f", Map.of("number", "  ")).<List<String>>read("$.errors[*].extensions.code"))
                .containsExactly("BAD_USER_INPUT");
        assertThat(http.post(TestTokens.customer(customer), byNumber, "f", Map.of("number", number))
                .<List<String>>read("$.errors[*].extensions.code")).containsExactly("FORBIDDEN");
    }
}
