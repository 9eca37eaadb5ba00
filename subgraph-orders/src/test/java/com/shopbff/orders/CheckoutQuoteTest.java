package com.shopbff.orders;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.support.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * checkoutQuote prices the cart as checkout does, without side effects, and the order keeps the same breakdown.
 * The subgraph runs with orders.yml's defaults: prices include tax, GB standard 20 %, food 0 %, delivery 2.50.
 */
class CheckoutQuoteTest extends OrdersIntegrationTest {
    private static final String QUOTE = """
            query($i: CheckoutQuoteInput!) { checkoutQuote(input: $i) {
              quote { subtotal { amount currency } deliveryFee { amount } discount { amount } promoCode country
                      taxes { taxClass rate taxableAmount { amount } amount { amount } } taxTotal { amount }
                      pricesIncludeTax total { amount } lines { product { id } productName quantity lineTotal { amount } } }
              userErrors { code field message } } }""";

    private DocumentContext quote(String token, Map<String, Object> delivery, String promo) {
        Map<String, Object> input = new HashMap<>(Map.of("delivery", delivery));
        if (promo != null) input.put("promoCode", promo);
        return http.post(token, QUOTE, "i", input);
    }

    @Test
    void theQuoteShowsSubtotalFeeTaxesPerRateAndTotalAndTheOrderKeepsThem() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 100_000L);
        String tea = product("Sencha", 1000, 10), mug = product("Mug", 1200, 10, "homeware"), biscuits = product("Biscuits", 300, 10, "food");
        addToCart(token, tea, 1);
        addToCart(token, mug, 1);
        addToCart(token, biscuits, 1);

        DocumentContext q = quote(token, ADDRESS, null);
        assertThat(q.<List<?>>read("$.data.checkoutQuote.userErrors")).isEmpty();
        assertThat(q.<String>read("$.data.checkoutQuote.quote.subtotal.amount")).isEqualTo("25.00");
        assertThat(q.<String>read("$.data.checkoutQuote.quote.deliveryFee.amount")).isEqualTo("2.50");
        assertThat(q.<String>read("$.data.checkoutQuote.quote.total.amount")).isEqualTo("27.50");
        assertThat(q.<String>read("$.data.checkoutQuote.quote.country")).isEqualTo("GB");
        assertThat(q.<Boolean>read("$.data.checkoutQuote.quote.pricesIncludeTax")).isTrue();
        // standard 20 %: (10.00 + 12.00 + 2.50) * 20/120 = 4.0833 -> 4.08; food 0 %
        assertThat(q.<List<String>>read("$.data.checkoutQuote.quote.taxes[*].rate")).containsExactly("20", "0");
        assertThat(q.<List<String>>read("$.data.checkoutQuote.quote.taxes[*].amount.amount")).containsExactly("4.08", "0.00");
        assertThat(q.<List<String>>read("$.data.checkoutQuote.quote.taxes[*].taxableAmount.amount")).containsExactly("20.42", "3.00");
        assertThat(q.<String>read("$.data.checkoutQuote.quote.taxTotal.amount")).isEqualTo("4.08");
        assertThat(q.<Integer>read("$.data.checkoutQuote.quote.lines.length()")).isEqualTo(3);
        assertThat(http.post(token, "{ myCart { itemCount } }").<Integer>read("$.data.myCart.itemCount")).as("cart untouched").isEqualTo(3);

        DocumentContext co = http.post(token, "mutation($i: CheckoutInput!) { checkout(input: $i) { order { id total { amount } "
                        + "taxes { taxClass rate taxableAmount { amount } amount { amount } } taxTotal { amount } pricesIncludeTax } userErrors { code } } }",
                "i", Map.of("delivery", ADDRESS, "idempotencyKey", fresh("k")));
        assertThat(co.<String>read("$.data.checkout.order.total.amount")).isEqualTo("27.50");
        assertThat(co.<List<Object>>read("$.data.checkout.order.taxes")).isEqualTo(q.read("$.data.checkoutQuote.quote.taxes"));
        assertThat(co.<String>read("$.data.checkout.order.taxTotal.amount")).isEqualTo("4.08");
        String id = co.read("$.data.checkout.order.id");
        awaitStatus(token, id, "CONFIRMED");
        assertThat(http.post(token, "query($id: ID!) { order(id: $id) { taxes { rate amount { amount } } taxTotal { amount } pricesIncludeTax } }", "id", id)
                .<List<String>>read("$.data.order.taxes[*].amount.amount")).containsExactly("4.08", "0.00");
    }

    @Test
    void aRefusedPromoCodeIsAUserErrorBesideTheQuoteAndAQuoteClaimsNoUse() {
        String admin = TestTokens.admin(fresh("admin"));
        String code = fresh("ONCE").toUpperCase().replace('-', '_');
        http.post(admin, "mutation($i: CreatePromoCodeInput!) { createPromoCode(input: $i) { userErrors { code } } }",
                "i", Map.of("code", code, "percentOff", 50, "usageLimit", 1));
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 100_000L);
        addToCart(token, product("Gyokuro", 2000, 10), 1);

        for (int i = 0; i < 3; i++) {
            DocumentContext q = quote(token, ADDRESS, code.toLowerCase());
            assertThat(q.<List<?>>read("$.data.checkoutQuote.userErrors")).isEmpty();
            assertThat(q.<String>read("$.data.checkoutQuote.quote.discount.amount")).isEqualTo("10.00");
            assertThat(q.<String>read("$.data.checkoutQuote.quote.promoCode")).isEqualTo(code);
            assertThat(q.<String>read("$.data.checkoutQuote.quote.total.amount")).isEqualTo("12.50");
        }
        DocumentContext unknown = quote(token, ADDRESS, "NO_SUCH_CODE");
        assertThat(unknown.<String>read("$.data.checkoutQuote.userErrors[0].code")).isEqualTo("PROMO_CODE_INVALID");
        assertThat(unknown.<List<String>>read("$.data.checkoutQuote.userErrors[0].field")).containsExactly("input", "promoCode");
        assertThat(unknown.<String>read("$.data.checkoutQuote.quote.discount.amount")).isEqualTo("0.00");
        assertThat(unknown.<String>read("$.data.checkoutQuote.quote.total.amount")).isEqualTo("22.50");

        // Three quotes claimed nothing: the single use is still there for the checkout.
        DocumentContext co = checkout(token, ADDRESS, fresh("key"), code);
        assertThat(co.<String>read("$.data.checkout.order.discount.amount")).isEqualTo("10.00");
        String other = TestTokens.customer(fresh("c"));
        addToCart(other, product("Hojicha", 1000, 10), 1);
        DocumentContext used = quote(other, ADDRESS, code);
        assertThat(used.<String>read("$.data.checkoutQuote.userErrors[0].code")).isEqualTo("PROMO_CODE_EXHAUSTED");
        assertThat(used.<String>read("$.data.checkoutQuote.quote.total.amount")).isEqualTo("12.50");
    }

    @Test
    void anEmptyCartOrABadDeliveryGivesNoQuoteButUserErrors() {
        String token = TestTokens.customer(fresh("c"));
        DocumentContext empty = quote(token, ADDRESS, null);
        assertThat(empty.<Object>read("$.data.checkoutQuote.quote")).isNull();
        assertThat(empty.<String>read("$.data.checkoutQuote.userErrors[0].code")).isEqualTo("CART_EMPTY");

        addToCart(token, product("Kukicha", 500, 10), 1);
        DocumentContext two = quote(token, Map.of("addressId", "a1", "pickupPointId", "p1"), null);
        assertThat(two.<String>read("$.data.checkoutQuote.userErrors[0].code")).isEqualTo("INVALID_DELIVERY");
        DocumentContext blank = quote(token, Map.of("address", Map.of("line1", "1 A St", "city", "Leeds", "postalCode", "LS1", "country", " ")), null);
        assertThat(blank.<List<String>>read("$.data.checkoutQuote.userErrors[0].field")).containsExactly("input", "delivery", "address", "country");
        assertThat(blank.<Object>read("$.data.checkoutQuote.quote")).isNull();
        assertThat(http.post(null, "query { checkoutQuote(input: {delivery: {addressId: \"a\"}}) { quote { total { amount } } } }")
                .<List<String>>read("$.errors[*].extensions.code")).containsExactly("UNAUTHENTICATED");
    }

    @Test
    void aCountryWithoutTaxesHasNoTaxLinesAndPickupHasItsOwnFee() {
        String token = TestTokens.customer(fresh("c"));
        addToCart(token, product("Bancha", 800, 10), 2);
        DocumentContext us = quote(token, Map.of("address", Map.of("line1", "1 Main St", "city", "Boston", "postalCode", "02101", "country", "us")), null);
        assertThat(us.<String>read("$.data.checkoutQuote.quote.country")).isEqualTo("US");
        assertThat(us.<List<?>>read("$.data.checkoutQuote.quote.taxes")).isEmpty();
        assertThat(us.<String>read("$.data.checkoutQuote.quote.taxTotal.amount")).isEqualTo("0.00");
        assertThat(us.<String>read("$.data.checkoutQuote.quote.total.amount")).isEqualTo("18.50");
    }

    @Test
    void aLineAboveTheKnownStockIsAUserErrorBesideTheQuote() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        String tea = product("Genmaicha", 400, 3);
        addToCart(token, tea, 3);
        // The catalog sells two elsewhere and announces the new stock.
        participants.product(tea, "Genmaicha", 400, 1);
        org.awaitility.Awaitility.await().atMost(SAGA).until(() -> projections.product(tea).orElseThrow().stock() == 1);
        DocumentContext q = quote(token, ADDRESS, null);
        assertThat(q.<String>read("$.data.checkoutQuote.userErrors[0].code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(q.<String>read("$.data.checkoutQuote.userErrors[0].message")).contains("1 available");
        assertThat(q.<String>read("$.data.checkoutQuote.quote.subtotal.amount")).isEqualTo("12.00");
    }
}
