package com.shopbff.orders;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.orders.cart.CartDocument;
import com.shopbff.orders.cart.CartService;
import com.shopbff.orders.cart.GuestCartTokens;
import com.shopbff.support.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An anonymous visitor's cart, kept by a token the orders subgraph issues, merged into the customer's at sign-in. */
class GuestCartTest extends OrdersIntegrationTest {
    private static final String CART = "cart { itemCount lines { product { id } quantity } }";
    private static final String ADD = "mutation($i: CartLineInput!) { addToCart(input: $i) { " + CART + " cartToken userErrors { code field message } } }";
    private static final String MERGE = "mutation($t: String!) { mergeGuestCart(cartToken: $t) { " + CART + " cartToken userErrors { code field message } } }";

    @Autowired
    MongoTemplate mongo;
    @Autowired
    CartService carts;

    private DocumentContext add(String bearer, String token, String productId, int quantity) {
        Map<String, Object> input = new HashMap<>(Map.of("productId", productId, "quantity", quantity));
        if (token != null) input.put("cartToken", token);
        return http.post(bearer, ADD, "i", input);
    }

    private DocumentContext guestCart(String token) {
        return http.post(null, "query($t: String!) { guestCart(cartToken: $t) { itemCount lines { product { id } quantity } } }", "t", token);
    }

    @Test
    void anAnonymousVisitorFillsACartByTheTokenTheFirstAddIssued() {
        String tea = product("Guest Sencha", 500, 10), cup = product("Guest Cup", 300, 2);
        DocumentContext first = add(null, null, tea, 2);
        String token = first.read("$.data.addToCart.cartToken");
        assertThat(token).matches("gc_[A-Za-z0-9_-]{43}");
        assertThat(first.<Integer>read("$.data.addToCart.cart.itemCount")).isEqualTo(2);

        DocumentContext second = add(null, token, cup, 1);
        assertThat(second.<String>read("$.data.addToCart.cartToken")).isEqualTo(token);
        assertThat(second.<Integer>read("$.data.addToCart.cart.itemCount")).isEqualTo(3);
        assertThat(add(null, token, cup, 2).<String>read("$.data.addToCart.userErrors[0].code")).as("the stock holds for guests too")
                .isEqualTo("INSUFFICIENT_STOCK");
        assertThat(guestCart(token).<Integer>read("$.data.guestCart.itemCount")).isEqualTo(3);

        DocumentContext updated = http.post(null, "mutation($i: CartLineInput!) { updateCartLine(input: $i) { cart { itemCount } userErrors { code } } }",
                "i", Map.of("productId", tea, "quantity", 1, "cartToken", token));
        assertThat(updated.<Integer>read("$.data.updateCartLine.cart.itemCount")).isEqualTo(2);
        assertThat(http.post(null, "mutation($p: ID!, $t: String) { removeFromCart(productId: $p, cartToken: $t) { cart { itemCount } } }",
                "p", cup, "t", token).<Integer>read("$.data.removeFromCart.cart.itemCount")).isEqualTo(1);

        // Another visitor's first add opens another cart.
        String other = add(null, null, tea, 1).read("$.data.addToCart.cartToken");
        assertThat(other).isNotEqualTo(token);
        assertThat(guestCart(token).<Integer>read("$.data.guestCart.itemCount")).isEqualTo(1);

        // Without a token only addToCart may open a cart; a bad token is a user error; an unknown one reads as null.
        assertThat(http.post(null, "mutation { clearCart { cart { itemCount } } }").<List<String>>read("$.errors[*].extensions.code"))
                .containsExactly("UNAUTHENTICATED");
        DocumentContext forged = add(null, "gc_" + "x".repeat(43), tea, 1);
        assertThat(forged.<String>read("$.data.addToCart.userErrors[0].code")).isEqualTo("CART_TOKEN_INVALID");
        assertThat(forged.<List<String>>read("$.data.addToCart.userErrors[0].field")).containsExactly("input", "cartToken");
        assertThat(add(null, "not-a-token", tea, 1).<String>read("$.data.addToCart.userErrors[0].code")).isEqualTo("CART_TOKEN_INVALID");
        assertThat(guestCart("gc_" + "x".repeat(43)).<Object>read("$.data.guestCart")).isNull();
        assertThat(http.post(null, "mutation($t: String) { clearCart(cartToken: $t) { cart { itemCount } } }", "t", token)
                .<Integer>read("$.data.clearCart.cart.itemCount")).isZero();
    }

    @Test
    void signingInMergesTheGuestCartAddingQuantitiesCappedByTheStock() {
        String customer = fresh("c"), bearer = TestTokens.customer(customer);
        String tea = product("Merge Oolong", 700, 5), mug = product("Merge Mug", 900, 10), gone = product("Merge Gone", 100, 10);
        add(bearer, null, tea, 2);
        String token = add(null, null, tea, 4).read("$.data.addToCart.cartToken");
        add(null, token, mug, 1);
        add(null, token, gone, 1);
        participants.deactivate(gone, "Merge Gone");
        org.awaitility.Awaitility.await().atMost(SAGA).until(() -> !projections.product(gone).orElseThrow().active());

        assertThat(add(bearer, token, mug, 1).<String>read("$.data.addToCart.userErrors[0].code")).as("signed in: own cart only")
                .isEqualTo("CART_TOKEN_NOT_ALLOWED");

        DocumentContext merged = http.post(bearer, MERGE, "t", token);
        assertThat(merged.<List<Integer>>read("$.data.mergeGuestCart.cart.lines[?(@.product.id == '" + tea + "')].quantity")).containsExactly(5);
        assertThat(merged.<List<Integer>>read("$.data.mergeGuestCart.cart.lines[?(@.product.id == '" + mug + "')].quantity")).containsExactly(1);
        assertThat(merged.<List<String>>read("$.data.mergeGuestCart.cart.lines[*].product.id")).doesNotContain(gone);
        assertThat(merged.<List<String>>read("$.data.mergeGuestCart.userErrors[*].code")).containsExactlyInAnyOrder("QUANTITY_CAPPED", "PRODUCT_UNAVAILABLE");
        assertThat(merged.<List<String>>read("$.data.mergeGuestCart.userErrors[?(@.code == 'QUANTITY_CAPPED')].message"))
                .singleElement().asString().contains("5 in the cart");
        assertThat(guestCart(token).<Object>read("$.data.guestCart")).as("the guest cart is gone").isNull();

        DocumentContext again = http.post(bearer, MERGE, "t", token);
        assertThat(again.<List<?>>read("$.data.mergeGuestCart.userErrors")).isEmpty();
        assertThat(again.<Integer>read("$.data.mergeGuestCart.cart.itemCount")).as("merging twice adds nothing").isEqualTo(6);
        assertThat(http.post(TestTokens.customer(fresh("c")), MERGE, "t", token).<String>read("$.data.mergeGuestCart.userErrors[0].code"))
                .isEqualTo("CART_TOKEN_INVALID");
        assertThat(http.post(null, MERGE, "t", token).<List<String>>read("$.errors[*].extensions.code")).containsExactly("UNAUTHENTICATED");
    }

    @Test
    void aGuestCartExpiresAfterItsTimeToLive() {
        String tea = product("Forgotten Tea", 100, 10);
        String token = add(null, null, tea, 1).read("$.data.addToCart.cartToken");
        String id = GuestCartTokens.cartIdOf(token).orElseThrow();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("updatedAt", Instant.now().minus(Duration.ofDays(31))),
                CartDocument.class);
        assertThat(guestCart(token).<Object>read("$.data.guestCart")).isNull();
        assertThat(add(null, token, tea, 1).<String>read("$.data.addToCart.userErrors[0].code")).isEqualTo("CART_TOKEN_INVALID");
        assertThat(carts.deleteExpiredGuestCarts()).isPositive();
        assertThat(mongo.findById(id, CartDocument.class)).isNull();
    }
}
