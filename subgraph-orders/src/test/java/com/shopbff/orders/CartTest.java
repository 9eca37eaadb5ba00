package com.shopbff.orders;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.support.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CartTest extends OrdersIntegrationTest {

    @Test
    void aProductPublishedAMomentAgoCanBeAddedAtOnce() {
        String token = TestTokens.customer(fresh("c"));
        String id = fresh("prod");
        participants.product(id, "Oolong", 750, 10);
        // No wait: addToCart itself waits briefly for the projection to catch up with catalog.events.
        DocumentContext r = addToCart(token, id, 2);
        assertThat(r.<List<?>>read("$.data.addToCart.userErrors")).isEmpty();
        assertThat(r.<String>read("$.data.addToCart.cart.subtotal.amount")).isEqualTo("15.00");
        assertThat(r.<Integer>read("$.data.addToCart.cart.itemCount")).isEqualTo(2);
        assertThat(r.<String>read("$.data.addToCart.cart.lines[0].product.id")).isEqualTo(id);
    }

    @Test
    void addingTheSameProductAgainAddsToItsLine() {
        String token = TestTokens.customer(fresh("c"));
        String id = product("Sencha", 225, 100);
        addToCart(token, id, 2);
        DocumentContext r = addToCart(token, id, 3);
        assertThat(r.<List<?>>read("$.data.addToCart.cart.lines")).hasSize(1);
        assertThat(r.<Integer>read("$.data.addToCart.cart.lines[0].quantity")).isEqualTo(5);
        assertThat(r.<String>read("$.data.addToCart.cart.subtotal.amount")).isEqualTo("11.25");
    }

    @Test
    void anUnknownOrWithdrawnProductIsAUserError() {
        String token = TestTokens.customer(fresh("c"));
        DocumentContext unknown = addToCart(token, fresh("nope"), 1);
        assertThat(unknown.<String>read("$.data.addToCart.userErrors[0].code")).isEqualTo("PRODUCT_NOT_FOUND");
        assertThat(unknown.<List<String>>read("$.data.addToCart.userErrors[0].field")).containsExactly("input", "productId");
        assertThat(unknown.<Object>read("$.data.addToCart.cart")).isNull();

        String id = product("Withdrawn", 100, 1);
        assertThat(addToCart(token, id, 1).<List<?>>read("$.data.addToCart.userErrors")).isEmpty();
        participants.deactivate(id, "Withdrawn");
        org.awaitility.Awaitility.await().atMost(SAGA).until(() ->
                addToCart(token, id, 1).<List<Map<String, Object>>>read("$.data.addToCart.userErrors").stream()
                        .anyMatch(e -> "PRODUCT_NOT_FOUND".equals(e.get("code"))));
    }

    @Test
    void quantitiesMustBeBetweenOneAndNinetyNine() {
        String token = TestTokens.customer(fresh("c"));
        String id = product("Rooibos", 300, 500);
        assertThat(addToCart(token, id, 0).<String>read("$.data.addToCart.userErrors[0].code")).isEqualTo("QUANTITY_OUT_OF_RANGE");
        assertThat(addToCart(token, id, 100).<String>read("$.data.addToCart.userErrors[0].code")).isEqualTo("QUANTITY_OUT_OF_RANGE");
        addToCart(token, id, 60);
        assertThat(addToCart(token, id, 40).<String>read("$.data.addToCart.userErrors[0].code")).isEqualTo("QUANTITY_OUT_OF_RANGE");
        DocumentContext update = http.post(token, "mutation($i: CartLineInput!) { updateCartLine(input: $i) { cart { itemCount } userErrors { code } } }",
                "i", Map.of("productId", id, "quantity", 99));
        assertThat(update.<Integer>read("$.data.updateCartLine.cart.itemCount")).isEqualTo(99);
    }

    @Test
    void linesCanBeUpdatedRemovedAndTheCartCleared() {
        String token = TestTokens.customer(fresh("c"));
        String a = product("A", 100, 10), b = product("B", 200, 10);
        addToCart(token, a, 1);
        addToCart(token, b, 1);
        DocumentContext missing = http.post(token, "mutation($i: CartLineInput!) { updateCartLine(input: $i) { userErrors { code } } }",
                "i", Map.of("productId", fresh("other"), "quantity", 1));
        assertThat(missing.<String>read("$.data.updateCartLine.userErrors[0].code")).isEqualTo("NOT_IN_CART");
        DocumentContext removed = http.post(token, "mutation($p: ID!) { removeFromCart(productId: $p) { cart { lines { product { id } } } userErrors { code } } }", "p", a);
        assertThat(removed.<List<String>>read("$.data.removeFromCart.cart.lines[*].product.id")).containsExactly(b);
        DocumentContext cleared = http.post(token, "mutation { clearCart { cart { itemCount lines { quantity } } userErrors { code } } }");
        assertThat(cleared.<Integer>read("$.data.clearCart.cart.itemCount")).isZero();
        assertThat(http.post(token, "{ myCart { itemCount subtotal { amount currency } } }").<String>read("$.data.myCart.subtotal.currency")).isEqualTo("USD");
    }

    @Test
    void theCartNeedsASignedInCustomer() {
        DocumentContext r = http.post(null, "{ myCart { itemCount } }");
        assertThat(r.<List<String>>read("$.errors[*].extensions.code")).containsExactly("UNAUTHENTICATED");
    }

    @Test
    void moreThanTheStockIsRefusedAtOnceWithTheAvailableQuantity() {
        String token = TestTokens.customer(fresh("c"));
        String id = product("Last Sencha", 500, 3);
        DocumentContext tooMany = addToCart(token, id, 4);
        assertThat(tooMany.<String>read("$.data.addToCart.userErrors[0].code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(tooMany.<List<String>>read("$.data.addToCart.userErrors[0].field")).containsExactly("input", "quantity");
        assertThat(tooMany.<String>read("$.data.addToCart.userErrors[0].message")).contains("only 3 ");
        assertThat(tooMany.<Object>read("$.data.addToCart.cart")).isNull();

        assertThat(addToCart(token, id, 2).<List<?>>read("$.data.addToCart.userErrors")).isEmpty();
        DocumentContext more = addToCart(token, id, 2);
        assertThat(more.<String>read("$.data.addToCart.userErrors[0].code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(more.<String>read("$.data.addToCart.userErrors[0].message")).contains("only 3 ").contains("2 already in the cart");

        String update = "mutation($i: CartLineInput!) { updateCartLine(input: $i) { cart { itemCount } userErrors { code field message } } }";
        DocumentContext up = http.post(token, update, "i", Map.of("productId", id, "quantity", 5));
        assertThat(up.<String>read("$.data.updateCartLine.userErrors[0].code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(up.<String>read("$.data.updateCartLine.userErrors[0].message")).contains("only 3 ");
        assertThat(http.post(token, update, "i", Map.of("productId", id, "quantity", 3)).<Integer>read("$.data.updateCartLine.cart.itemCount")).isEqualTo(3);
        assertThat(http.post(token, "{ myCart { itemCount } }").<Integer>read("$.data.myCart.itemCount")).isEqualTo(3);
    }
}
