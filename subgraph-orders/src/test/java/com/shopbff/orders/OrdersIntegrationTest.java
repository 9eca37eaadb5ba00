package com.shopbff.orders;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.orders.live.OrderEventsLiveFeed;
import com.shopbff.support.testing.GraphQlClient;
import com.shopbff.orders.testing.GraphQlWsClient;
import com.shopbff.orders.testing.InTestStorehouseAndWallet;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import com.shopbff.support.testing.TestTokensConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The one Spring context of this module's integration tests (shared by every subclass, so Spring caches it): the
 * orders application on a random port, against the MongoDB-wire server and the real Kafka broker of this JVM, with
 * test tokens, and the in-test storehouse/wallet stand-in answering the saga.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + OrdersApplication.CONFIG_NAME, OrdersIntegrationTest.STEP_TIMEOUT})
@Import(TestTokensConfiguration.class)
public abstract class OrdersIntegrationTest {
    /** Long enough that a loaded 2-core machine does not time out healthy sagas, short enough for the timeout test. */
    static final String STEP_TIMEOUT = "shop.orders.saga.step-timeout=25s";
    protected static final Duration SAGA = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> SharedTestInfra.mongo().connectionString());
        registry.add("spring.kafka.bootstrap-servers", () -> SharedTestInfra.kafka().bootstrapServers());
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected OrderEventsLiveFeed liveFeed;
    @Autowired
    protected com.shopbff.orders.projection.Projections projections;
    protected GraphQlClient http;
    protected final InTestStorehouseAndWallet participants = InTestStorehouseAndWallet.shared();

    protected static final String ORDER = "id number status failureReason subtotal { amount currency } deliveryFee { amount } "
            + "discount { amount } total { amount currency } lines { product { id } productName quantity unitPrice { amount } lineTotal { amount } } "
            + "delivery { method pickupPointId address { line1 city } } statusHistory { status at reason } placedAt customer { id } "
            + "estimatedAssemblyAt estimatedDeliveryAt";
    protected static final Map<String, Object> ADDRESS = Map.of("address",
            Map.of("line1", "1 Tea Street", "city", "Leeds", "postalCode", "LS1 1AA", "country", "GB"));

    @BeforeEach
    void client() {
        http = GraphQlClient.onPort(port);
    }

    protected static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A product published on catalog.events, once the projection has it. */
    protected String product(String name, long priceMinor, int units) {
        return product(name, priceMinor, units, null);
    }

    protected String product(String name, long priceMinor, int units, String taxClass) {
        String id = fresh("prod");
        participants.product(id, name, priceMinor, units, taxClass);
        await().atMost(SAGA).until(() -> projections.product(id).isPresent());
        return id;
    }

    protected DocumentContext addToCart(String token, String productId, int quantity) {
        return http.post(token, "mutation($i: CartLineInput!) { addToCart(input: $i) { cart { itemCount subtotal { amount } lines { product { id } quantity unitPrice { amount } } } userErrors { code field message } } }",
                "i", Map.of("productId", productId, "quantity", quantity));
    }

    protected DocumentContext checkout(String token, Map<String, Object> delivery, String key) {
        return checkout(token, delivery, key, null);
    }

    protected DocumentContext checkout(String token, Map<String, Object> delivery, String key, String promo) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of("delivery", delivery, "idempotencyKey", key));
        if (promo != null) input.put("promoCode", promo);
        return http.post(token, "mutation($i: CheckoutInput!) { checkout(input: $i) { order { " + ORDER + " } userErrors { code field message } } }",
                "i", input);
    }

    protected DocumentContext order(String token, String id) {
        return http.post(token, "query($id: ID!) { order(id: $id) { " + ORDER + " } }", "id", id);
    }

    protected String status(String token, String id) {
        return order(token, id).read("$.data.order.status");
    }

    protected void awaitStatus(String token, String id, String expected) {
        await().atMost(SAGA).pollInterval(Duration.ofMillis(100)).until(() -> expected.equals(status(token, id)));
    }

    protected static List<String> statusesOf(GraphQlWsClient client, String subscription, String orderId) {
        return client.data(subscription).stream().map(d -> d.path("orderStatusChanged"))
                .filter(e -> orderId.equals(e.path("order").path("id").asString()))
                .map(e -> e.path("status").asString()).toList();
    }

    /**
     * graphql-transport-ws acknowledges the connection, not the subscription: place throw-away orders of
     * {@code customer} until the subscription receives an event of one of them, after which it is known to be live.
     */
    protected void awaitLive(GraphQlWsClient client, String subscription, String customer, GraphQlClient via) {
        String token = com.shopbff.support.testing.TestTokens.customer(customer);
        String probe = product("Probe", 100, 1_000_000);
        List<String> probes = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + SAGA.toNanos();
        while (System.nanoTime() < deadline) {
            via.post(token, "mutation($i: CartLineInput!) { addToCart(input: $i) { userErrors { code } } }", "i", Map.of("productId", probe, "quantity", 1));
            probes.add(via.post(token, "mutation($i: CheckoutInput!) { checkout(input: $i) { order { id } } }",
                    "i", Map.of("delivery", ADDRESS, "idempotencyKey", fresh("probe"))).read("$.data.checkout.order.id"));
            try {
                await().atMost(Duration.ofSeconds(3)).until(() -> probes.stream().anyMatch(id -> !statusesOf(client, subscription, id).isEmpty()));
                return;
            } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                // the subscription was not live yet when that probe's events passed: try another
            }
        }
        throw new AssertionError("subscription " + subscription + " never received an event; messages: " + client.messages);
    }

    /** Places an order of {@code quantity} × the product from an emptied cart and returns its id. */
    protected String placeOrder(String customer, String productId, int quantity, Map<String, Object> delivery) {
        String token = com.shopbff.support.testing.TestTokens.customer(customer);
        // From an empty cart: a FAILED earlier order gives its lines back to the cart.
        http.post(token, "mutation { clearCart { userErrors { code } } }");
        List<?> errors = addToCart(token, productId, quantity).read("$.data.addToCart.userErrors");
        if (!errors.isEmpty()) throw new AssertionError("addToCart: " + errors);
        DocumentContext co = checkout(token, delivery, fresh("key"));
        String id = co.read("$.data.checkout.order.id");
        if (id == null) throw new AssertionError("checkout: " + co.jsonString());
        return id;
    }
}
