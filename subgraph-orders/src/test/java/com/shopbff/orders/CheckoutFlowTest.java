package com.shopbff.orders;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.support.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Checkout through the saga over the real broker, with the in-test storehouse/wallet stand-in answering. */
class CheckoutFlowTest extends OrdersIntegrationTest {

    @Test
    void checkoutAnswersPendingAtOnceAndTheSagaConfirmsIt() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 2000L);
        String tea = product("Oolong", 750, 3);
        addToCart(token, tea, 2);
        DocumentContext co = checkout(token, ADDRESS, fresh("key"));
        assertThat(co.<List<?>>read("$.data.checkout.userErrors")).isEmpty();
        assertThat(co.<String>read("$.data.checkout.order.status")).isEqualTo("PENDING");
        assertThat(co.<String>read("$.data.checkout.order.number")).matches("SO-\\d{4}-\\d{6}");
        assertThat(co.<String>read("$.data.checkout.order.subtotal.amount")).isEqualTo("15.00");
        assertThat(co.<String>read("$.data.checkout.order.deliveryFee.amount")).isEqualTo("2.50");
        assertThat(co.<String>read("$.data.checkout.order.total.amount")).isEqualTo("17.50");
        assertThat(co.<String>read("$.data.checkout.order.lines[0].productName")).isEqualTo("Oolong");
        assertThat(co.<String>read("$.data.checkout.order.delivery.method")).isEqualTo("ADDRESS");
        assertThat(http.post(token, "{ myCart { itemCount } }").<Integer>read("$.data.myCart.itemCount")).as("cart cleared").isZero();

        String id = co.read("$.data.checkout.order.id");
        awaitStatus(token, id, "CONFIRMED");
        DocumentContext done = order(token, id);
        assertThat(done.<List<String>>read("$.data.order.statusHistory[*].status")).containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED");
        assertThat(done.<String>read("$.data.order.estimatedDeliveryAt")).isNotNull();
        assertThat(done.<String>read("$.data.order.customer.id")).isEqualTo(customer);
        assertThat(participants.balances.get(customer)).isEqualTo(250L);
        assertThat(participants.stock.get(tea)).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameOrder() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 10_000L);
        String tea = product("Sencha", 225, 100);
        addToCart(token, tea, 1);
        String key = fresh("key");
        String first = checkout(token, ADDRESS, key).read("$.data.checkout.order.id");
        addToCart(token, tea, 1);
        String second = checkout(token, ADDRESS, key).read("$.data.checkout.order.id");
        assertThat(second).isEqualTo(first);
        assertThat(http.post(token, "{ myOrders { totalCount } }").<Integer>read("$.data.myOrders.totalCount")).isEqualTo(1);
        // Another customer using the same key gets an order of their own.
        String other = TestTokens.customer(fresh("c"));
        addToCart(other, tea, 1);
        assertThat(checkout(other, ADDRESS, key).<String>read("$.data.checkout.order.id")).isNotEqualTo(first);
    }

    @Test
    void anEmptyCartOrABadDeliveryIsAUserError() {
        String token = TestTokens.customer(fresh("c"));
        DocumentContext empty = checkout(token, ADDRESS, fresh("key"));
        assertThat(empty.<String>read("$.data.checkout.userErrors[0].code")).isEqualTo("CART_EMPTY");
        assertThat(empty.<Object>read("$.data.checkout.order")).isNull();
        addToCart(token, product("X", 100, 1), 1);
        assertThat(checkout(token, Map.of(), fresh("key")).<String>read("$.data.checkout.userErrors[0].code")).isEqualTo("INVALID_DELIVERY");
        assertThat(checkout(token, Map.of("pickupPointId", fresh("nowhere")), fresh("key")).<String>read("$.data.checkout.userErrors[0].code"))
                .isEqualTo("PICKUP_POINT_NOT_FOUND");
        assertThat(checkout(token, Map.of("addressId", "a1"), fresh("key")).<String>read("$.data.checkout.userErrors[0].code"))
                .isEqualTo("ADDRESS_NOT_FOUND");
        assertThat(checkout(token, Map.of("address", Map.of("line1", " ", "city", "Leeds", "postalCode", "LS1", "country", "GB")), fresh("key"))
                .<String>read("$.data.checkout.userErrors[0].code")).isEqualTo("INVALID_ADDRESS");
    }

    @Test
    void anOrderThatFailsOutOfStockNamesTheProductAndGivesTheCartBack() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 100_000L);
        String tea = product("Darjeeling", 500, 2);
        assertThat(addToCart(token, tea, 2).<List<?>>read("$.data.addToCart.userErrors")).isEmpty();
        // A sale the projection has not heard of yet: the cart accepted 2, the storehouse has 1 when the order comes.
        participants.stock.put(tea, 1);
        String id = checkout(token, ADDRESS, fresh("key")).read("$.data.checkout.order.id");
        assertThat(http.post(token, "{ myCart { itemCount } }").<Integer>read("$.data.myCart.itemCount")).as("emptied at checkout").isZero();
        awaitStatus(token, id, "FAILED");
        assertThat(order(token, id).<String>read("$.data.order.failureReason")).contains("out of stock").contains("Darjeeling");
        assertThat(participants.balances.get(customer)).isEqualTo(100_000L);
        assertThat(participants.stock.get(tea)).isEqualTo(1);
        await().atMost(SAGA).untilAsserted(() -> assertThat(http.post(token, "{ myCart { lines { product { id } quantity } } }")
                .<List<Integer>>read("$.data.myCart.lines[?(@.product.id == '" + tea + "')].quantity")).as("given back").containsExactly(2));
    }

    @Test
    void aConfirmedOrderLeavesTheCartEmpty() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 100_000L);
        String tea = product("Assam", 500, 5);
        String id = placeOrder(customer, tea, 2, ADDRESS);
        awaitStatus(token, id, "CONFIRMED");
        assertThat(http.post(token, "{ myCart { itemCount } }").<Integer>read("$.data.myCart.itemCount")).isZero();
    }

    @Test
    void checkoutWithTooLittleMoneyReleasesTheStock() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 100L);
        String tea = product("Assam", 500, 4);
        String id = placeOrder(customer, tea, 1, ADDRESS);
        awaitStatus(token, id, "FAILED");
        assertThat(order(token, id).<String>read("$.data.order.failureReason")).contains("insufficient funds");
        await().atMost(SAGA).until(() -> participants.stock.get(tea) == 4);
        assertThat(participants.balances.get(customer)).isEqualTo(100L);
    }

    @Test
    void cancellingAConfirmedPickupOrderRefundsInFullAndReturnsTheStock() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 5_000L);
        String pickup = fresh("pp");
        participants.pickupPoint(pickup, "Depot");
        String tea = product("Genmaicha", 225, 100);
        String id = placeOrder(customer, tea, 4, Map.of("pickupPointId", pickup));
        awaitStatus(token, id, "CONFIRMED");
        DocumentContext confirmed = order(token, id);
        assertThat(confirmed.<String>read("$.data.order.deliveryFee.amount")).isEqualTo("0.00");
        assertThat(confirmed.<String>read("$.data.order.delivery.pickupPointId")).isEqualTo(pickup);
        assertThat(participants.balances.get(customer)).isEqualTo(5_000L - 900L);

        DocumentContext cancel = http.post(token, "mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { order { id status } userErrors { code } } }",
                "i", Map.of("id", id, "reason", "changed my mind"));
        assertThat(cancel.<String>read("$.data.cancelOrder.order.status")).isEqualTo("CANCELLED");
        await().atMost(SAGA).until(() -> participants.balances.get(customer) == 5_000L && participants.stock.get(tea) == 100);
        assertThat(order(token, id).<String>read("$.data.order.statusHistory[-1].reason")).isEqualTo("changed my mind");
    }

    @Test
    void theAdminAdvancesAlongTheTableAndAnythingElseIsRefused() {
        String customer = fresh("c"), token = TestTokens.customer(customer), admin = TestTokens.admin(fresh("admin"));
        participants.balances.put(customer, 5_000L);
        String id = placeOrder(customer, product("Kukicha", 300, 10), 1, ADDRESS);
        awaitStatus(token, id, "CONFIRMED");
        String advance = "mutation($i: AdvanceOrderInput!) { advanceOrder(input: $i) { order { status } userErrors { code field } } }";
        DocumentContext byCustomer = http.post(token, advance, "i", Map.of("id", id, "status", "OUT_FOR_DELIVERY"));
        assertThat(byCustomer.<List<String>>read("$.errors[*].extensions.code")).containsExactly("FORBIDDEN");
        DocumentContext wrong = http.post(admin, advance, "i", Map.of("id", id, "status", "READY_FOR_PICKUP"));
        assertThat(wrong.<String>read("$.data.advanceOrder.userErrors[0].code")).isEqualTo("INVALID_TRANSITION");
        assertThat(status(token, id)).isEqualTo("CONFIRMED");
        assertThat(http.post(admin, advance, "i", Map.of("id", id, "status", "OUT_FOR_DELIVERY")).<String>read("$.data.advanceOrder.order.status"))
                .isEqualTo("OUT_FOR_DELIVERY");
        DocumentContext ownerCancel = http.post(token, "mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { userErrors { code } } }", "i", Map.of("id", id));
        assertThat(ownerCancel.<String>read("$.data.cancelOrder.userErrors[0].code")).isEqualTo("ORDER_NOT_CANCELLABLE");
        assertThat(http.post(admin, advance, "i", Map.of("id", id, "status", "DELIVERED")).<String>read("$.data.advanceOrder.order.status"))
                .isEqualTo("DELIVERED");
        assertThat(http.post(admin, advance, "i", Map.of("id", id, "status", "ASSEMBLING")).<String>read("$.data.advanceOrder.userErrors[0].code"))
                .isEqualTo("INVALID_TRANSITION");
        assertThat(order(token, id).<List<String>>read("$.data.order.statusHistory[*].status"))
                .endsWith("CONFIRMED", "OUT_FOR_DELIVERY", "DELIVERED");
    }

    @Test
    void aSagaStepWithoutReplyTimesOutAndIsCompensated() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 5_000L);
        participants.silentCustomers.add(customer);
        String tea = product("Hojicha", 400, 10);
        String id = placeOrder(customer, tea, 2, ADDRESS);
        awaitStatus(token, id, "RESERVED");
        awaitStatus(token, id, "FAILED");
        assertThat(order(token, id).<String>read("$.data.order.failureReason")).contains("timed out");
        await().atMost(SAGA).until(() -> participants.stock.get(tea) == 10);
        assertThat(participants.balances.get(customer)).isEqualTo(5_000L);
    }

    @Test
    void aPromoCodeTakesItsDiscountOffTheTotalWithinItsUsageLimit() {
        String admin = TestTokens.admin(fresh("admin"));
        String code = fresh("TEA").toUpperCase().replace('-', '_');
        String create = "mutation($i: CreatePromoCodeInput!) { createPromoCode(input: $i) { promoCode { code percentOff timesUsed usageLimit } userErrors { code field } } }";
        DocumentContext created = http.post(admin, create, "i", Map.of("code", code.toLowerCase(), "percentOff", 10, "usageLimit", 1));
        assertThat(created.<String>read("$.data.createPromoCode.promoCode.code")).isEqualTo(code);
        assertThat(http.post(admin, create, "i", Map.of("code", code, "amountOff", "1.00")).<String>read("$.data.createPromoCode.userErrors[0].code"))
                .isEqualTo("CODE_TAKEN");
        assertThat(http.post(admin, create, "i", Map.of("code", fresh("X"), "percentOff", 10, "amountOff", "1.00"))
                .<String>read("$.data.createPromoCode.userErrors[0].code")).isEqualTo("INVALID_DISCOUNT");
        assertThat(http.post(TestTokens.customer("c"), create, "i", Map.of("code", fresh("X"), "percentOff", 5))
                .<List<String>>read("$.errors[*].extensions.code")).containsExactly("FORBIDDEN");

        String payer = fresh("c"), token = TestTokens.customer(payer);
        participants.balances.put(payer, 10_000L);
        String tea = product("Matcha", 2000, 50);
        addToCart(token, tea, 1);
        DocumentContext co = checkout(token, ADDRESS, fresh("key"), code);
        assertThat(co.<String>read("$.data.checkout.order.discount.amount")).isEqualTo("2.00");
        assertThat(co.<String>read("$.data.checkout.order.total.amount")).isEqualTo("20.50");
        String other = TestTokens.customer(fresh("c"));
        addToCart(other, tea, 1);
        assertThat(checkout(other, ADDRESS, fresh("key"), code).<String>read("$.data.checkout.userErrors[0].code")).isEqualTo("PROMO_CODE_EXHAUSTED");
        assertThat(checkout(other, ADDRESS, fresh("key"), "NO_SUCH_CODE").<String>read("$.data.checkout.userErrors[0].code")).isEqualTo("PROMO_CODE_INVALID");
        // The first order is cancelled: its use of the code comes back.
        String first = co.read("$.data.checkout.order.id");
        awaitStatus(token, first, "CONFIRMED");
        http.post(token, "mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { userErrors { code } } }", "i", Map.of("id", first));
        await().atMost(SAGA).until(() -> http.post(admin, "{ promoCodes { code timesUsed } }").<List<Integer>>read(
                "$.data.promoCodes[?(@.code == '" + code + "')].timesUsed").equals(List.of(0)));
        DocumentContext again = checkout(other, ADDRESS, fresh("key"), code);
        assertThat(again.<String>read("$.data.checkout.order.discount.amount")).isEqualTo("2.00");
    }
}
