package com.shopbff.system;

import com.shopbff.system.Shop.Customer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Across catalog, customer, orders and wallet through the router: a visitor searches, fills a guest cart, signs up,
 * merges the guest cart, sees the price with taxes before paying (a food category at the reduced rate), and the order
 * keeps that breakdown; the admin finds it by its number.
 */
class GuestToPaidOrderSystemTest {

    @Test
    void aGuestCartBecomesAPaidOrderWithTheQuotedTaxes() {
        SystemStack sys = SystemStack.get();
        Shop shop = sys.shop;
        Gql gql = sys.gql;
        String admin = shop.admin();
        String run = UUID.randomUUID().toString().substring(0, 8);

        JsonNode cat = gql.data("mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id taxClass } userErrors { code } } }",
                Map.of("i", Map.of("name", "Pantry " + run, "taxClass", "food")), admin).get("createCategory");
        assertThat(cat.at("/category/taxClass").asString()).isEqualTo("food");
        String categoryId = cat.at("/category/id").asString();
        String biscuits = gql.data("mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id } } }",
                Map.of("i", Map.of("name", "Oat Biscuits " + run, "description", "Baked with wildflower honey", "categoryId", categoryId,
                        "price", "3.00", "stock", 5)), admin).at("/createProduct/product/id").asString();
        String teapot = shop.createProduct("Glass Teapot " + run, "10.00", 5);

        // Search reaches descriptions and forgives a typo; suggestions complete a name.
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(gql.data("query($f: ProductFilter) { products(filter: $f) { edges { node { id } } } }",
                Map.of("f", Map.of("search", "wildflowr " + run)), null)).contains(biscuits));
        JsonNode suggestions = gql.data("query($p: String!) { searchSuggestions(prefix: $p) { id name } }", Map.of("p", "oat bisc " + run), null);
        assertThat(suggestions.at("/searchSuggestions/0/name").asString()).isEqualTo("Oat Biscuits " + run);

        // A guest cart, by the token the first addToCart issues.
        // (retried while the orders projection has not seen the new product yet)
        String token = await().atMost(Duration.ofSeconds(60)).until(() -> text(gql.data(
                "mutation($i: CartLineInput!) { addToCart(input: $i) { cartToken userErrors { code } } }",
                Map.of("i", Map.of("productId", biscuits, "quantity", 2)), null).at("/addToCart/cartToken")), t -> !t.isEmpty());
        await().atMost(Duration.ofSeconds(60)).until(() -> gql.data("mutation($i: CartLineInput!) { addToCart(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("productId", teapot, "quantity", 1, "cartToken", token)), null).at("/addToCart/userErrors").isEmpty());
        assertThat(gql.data("query($t: String!) { guestCart(cartToken: $t) { itemCount } }", Map.of("t", token), null)
                .at("/guestCart/itemCount").asInt()).isEqualTo(3);

        Customer buyer = shop.signUp("guest");
        JsonNode merged = gql.data("mutation($t: String!) { mergeGuestCart(cartToken: $t) { cart { itemCount } userErrors { code } } }",
                Map.of("t", token), buyer.token()).get("mergeGuestCart");
        assertThat(merged.get("userErrors").isEmpty()).isTrue();
        assertThat(merged.at("/cart/itemCount").asInt()).isEqualTo(3);

        // GB: standard 20 % on 10.00 + 2.50 delivery (prices include tax), food 0 % on 6.00.
        JsonNode quote = gql.data("""
                query($i: CheckoutQuoteInput!) { checkoutQuote(input: $i) { quote { subtotal { amount } deliveryFee { amount }
                  taxes { taxClass rate amount { amount } } taxTotal { amount } total { amount } } userErrors { code } } }""",
                Map.of("i", Map.of("delivery", Map.of("address", Shop.ADDRESS))), buyer.token()).at("/checkoutQuote/quote");
        assertThat(quote.at("/subtotal/amount").asString()).isEqualTo("16.00");
        assertThat(quote.at("/total/amount").asString()).isEqualTo("18.50");
        assertThat(quote.at("/taxes/0/rate").asString()).isEqualTo("20");
        assertThat(quote.at("/taxes/0/amount/amount").asString()).isEqualTo("2.08");
        assertThat(quote.at("/taxes/1/taxClass").asString()).isEqualTo("food");
        assertThat(quote.at("/taxes/1/amount/amount").asString()).isEqualTo("0.00");

        shop.topUp(buyer, "50.00");
        String orderId = shop.checkout(buyer);
        await().atMost(Duration.ofSeconds(60)).until(() -> "CONFIRMED".equals(gql.data("query($id: ID!) { order(id: $id) { status } }",
                Map.of("id", orderId), buyer.token()).at("/order/status").asString()));
        JsonNode order = gql.data("query($id: ID!) { order(id: $id) { number total { amount } taxes { rate amount { amount } } taxTotal { amount } } }",
                Map.of("id", orderId), buyer.token()).get("order");
        assertThat(order.at("/total/amount").asString()).isEqualTo("18.50");
        assertThat(order.at("/taxTotal/amount").asString()).isEqualTo("2.08");
        assertThat(order.get("taxes").size()).isEqualTo(2);

        JsonNode found = gql.data("query($f: OrderFilter) { orders(filter: $f) { totalCount edges { node { id customer { email } } } } }",
                Map.of("f", Map.of("number", order.get("number").asString())), admin).get("orders");
        assertThat(found.get("totalCount").asInt()).isEqualTo(1);
        assertThat(found.at("/edges/0/node/id").asString()).isEqualTo(orderId);
        assertThat(found.at("/edges/0/node/customer/email").asString()).isEqualTo(buyer.email());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "" : node.asString();
    }

    private static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.at("/products/edges").forEach(e -> ids.add(e.at("/node/id").asString()));
        return ids;
    }
}
