package com.shopbff.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.shopbff.stack.LocalStack;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** The shop's API as the storefront and admin console call it through the router, for system tests. */
public final class Shop {
    public static final Set<String> FINAL = Set.of("CONFIRMED", "FAILED", "CANCELLED", "ASSEMBLING", "OUT_FOR_DELIVERY",
            "DELIVERED", "READY_FOR_PICKUP", "PICKED_UP");
    public static final List<String> IN_FLIGHT = List.of("PENDING", "RESERVED", "PAID");
    static final Map<String, Object> ADDRESS = Map.of("line1", "1 Test Street", "city", "Leeds", "postalCode", "LS1 1AA", "country", "GB");

    public record Customer(String id, String email, String token) {}

    public record Order(String id, String status, String failureReason, BigDecimal total) {}

    private final Gql gql;
    private final MongoClient mongo;
    private final String adminEmail;
    private final String adminPassword;
    private String adminToken;
    private long adminSignedInNanos;
    private String categoryId;

    Shop(Gql gql, LocalStack stack) {
        this(gql, stack.mongoUri(), stack.settings().adminEmail(), stack.settings().adminPassword());
    }

    /** The shop behind a router URL (e.g. a cluster's load balancer), its MongoDB and its administrator. */
    public Shop(Gql gql, String mongoUri, String adminEmail, String adminPassword) {
        this.gql = gql;
        this.mongo = MongoClients.create(mongoUri);
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
    }

    public Gql gql() {
        return gql;
    }

    /** The admin's access token, signed in again after 10 minutes (access tokens live 15: long benchmarks outlive one). */
    public synchronized String admin() {
        if (adminToken == null || System.nanoTime() - adminSignedInNanos > Duration.ofMinutes(10).toNanos()) {
            adminSignedInNanos = System.nanoTime();
            JsonNode d = gql.data("mutation($i: SignInInput!) { signIn(input: $i) { session { accessToken } userErrors { code message } } }",
                    Map.of("i", Map.of("email", adminEmail, "password", adminPassword)), null);
            adminToken = d.at("/signIn/session/accessToken").asString();
        }
        return adminToken;
    }

    public Customer signUp(String name) {
        String email = name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode d = gql.data("mutation($i: SignUpInput!) { signUp(input: $i) { session { accessToken } customer { id } userErrors { code message } } }",
                Map.of("i", Map.of("email", email, "password", "correct-horse-9", "name", name)), null);
        JsonNode s = d.get("signUp");
        if (!s.get("userErrors").isEmpty()) throw new IllegalStateException("signUp: " + s.get("userErrors"));
        return new Customer(s.at("/customer/id").asString(), email, s.at("/session/accessToken").asString());
    }

    /** The customer signed in again: a fresh access token (tokens live 15 minutes; long set-ups outlive one). */
    public Customer signIn(Customer c) {
        JsonNode d = gql.data("mutation($i: SignInInput!) { signIn(input: $i) { session { accessToken } userErrors { code message } } }",
                Map.of("i", Map.of("email", c.email(), "password", "correct-horse-9")), null);
        if (!d.at("/signIn/userErrors").isEmpty()) throw new IllegalStateException("signIn: " + d.at("/signIn/userErrors"));
        return new Customer(c.id(), c.email(), d.at("/signIn/session/accessToken").asString());
    }

    /** A product in a test category; its id. */
    public synchronized String createProduct(String name, String price, int stock) {
        if (categoryId == null) {
            categoryId = gql.data("mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id } userErrors { code message } } }",
                    Map.of("i", Map.of("name", "System tests " + UUID.randomUUID())), admin()).at("/createCategory/category/id").asString();
        }
        JsonNode p = gql.data("mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id } userErrors { code message } } }",
                Map.of("i", Map.of("name", name, "categoryId", categoryId, "price", price, "stock", stock)), admin()).get("createProduct");
        if (!p.get("userErrors").isEmpty()) throw new IllegalStateException("createProduct: " + p.get("userErrors"));
        return p.at("/product/id").asString();
    }

    public void topUp(Customer c, String amount) {
        JsonNode t = gql.data("mutation($i: TopUpInput!) { topUpWallet(input: $i) { userErrors { code message } } }",
                Map.of("i", Map.of("amount", amount, "idempotencyKey", "topup-" + UUID.randomUUID())), c.token()).get("topUpWallet");
        if (!t.get("userErrors").isEmpty()) throw new IllegalStateException("topUp: " + t.get("userErrors"));
    }

    public BigDecimal balance(Customer c) {
        return new BigDecimal(gql.data("{ myWallet { balance { amount } } }", Map.of(), c.token()).at("/myWallet/balance/amount").asString());
    }

    /** Adds to the cart, retrying while the orders subgraph's product projection has not seen the product yet. */
    public void addToCart(Customer c, String productId, int quantity) {
        if (tryAddToCart(c, productId, quantity)) return;
        await("product " + productId + " reaches the orders projection").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> tryAddToCart(c, productId, quantity));
    }

    private boolean tryAddToCart(Customer c, String productId, int quantity) {
        return gql.data("mutation($i: CartLineInput!) { addToCart(input: $i) { userErrors { code message } } }",
                Map.of("i", Map.of("productId", productId, "quantity", quantity)), c.token()).get("addToCart").get("userErrors").isEmpty();
    }

    /** Checks out the cart with address delivery; the order id (the order is PENDING when this returns). */
    public String checkout(Customer c) {
        return checkout(c, "co-" + UUID.randomUUID());
    }

    /**
     * Checks out with this idempotency key. A request that fails without an answer (timeout, gateway error) is
     * retried with the same key, as a client should: the order is placed once whatever happened to the first attempt.
     */
    public String checkout(Customer c, String idempotencyKey) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return checkoutOnce(c, idempotencyKey);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || e.getMessage() == null || e.getMessage().startsWith("checkout: ")) throw e;
                retriedCheckouts.incrementAndGet();
                System.out.printf("checkout attempt %d of %s failed (%s), retrying with the same key%n", attempt, idempotencyKey, e.getMessage());
            }
        }
    }

    /** How many checkout requests had to be retried (each is a client-visible failure worth reporting). */
    public final java.util.concurrent.atomic.AtomicInteger retriedCheckouts = new java.util.concurrent.atomic.AtomicInteger();

    private String checkoutOnce(Customer c, String idempotencyKey) {
        JsonNode co = gql.data("mutation($i: CheckoutInput!) { checkout(input: $i) { order { id status } userErrors { code message } } }",
                Map.of("i", Map.of("delivery", Map.of("address", ADDRESS), "idempotencyKey", idempotencyKey)), c.token()).get("checkout");
        if (!co.get("userErrors").isEmpty() || co.get("order").isNull()) throw new IllegalStateException("checkout: " + co);
        return co.at("/order/id").asString();
    }

    /** Orders by id, read by the admin (20 aliased root fields per request: the router limits root fields). */
    public Map<String, Order> orders(List<String> ids) {
        Map<String, Order> out = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += 20) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 20));
            StringBuilder q = new StringBuilder("query {");
            for (int i = 0; i < chunk.size(); i++) {
                q.append(" o").append(i).append(": order(id: \"").append(chunk.get(i)).append("\") { id status failureReason total { amount } }");
            }
            JsonNode d = gql.data(q.append(" }").toString(), Map.of(), admin());
            for (int i = 0; i < chunk.size(); i++) {
                JsonNode o = d.get("o" + i);
                out.put(chunk.get(i), new Order(o.get("id").asString(), o.get("status").asString(),
                        o.get("failureReason").isNull() ? null : o.get("failureReason").asString(),
                        new BigDecimal(o.at("/total/amount").asString())));
            }
        }
        return out;
    }

    /** Orders of the whole shop still PENDING, RESERVED or PAID, by status. */
    public Map<String, Integer> inFlight() {
        Map<String, Integer> counts = new HashMap<>();
        for (String s : IN_FLIGHT) {
            int n = gql.data("query($f: OrderFilter) { orders(filter: $f, first: 1) { totalCount } }", Map.of("f", Map.of("status", s)), admin())
                    .at("/orders/totalCount").asInt();
            if (n > 0) counts.put(s, n);
        }
        return counts;
    }

    /** Waits until every given order is in a final status (or the deadline passes); their states. */
    public Map<String, Order> awaitFinal(List<String> ids, Duration atMost) {
        await("orders reach a final status").atMost(atMost).pollInterval(Duration.ofMillis(500))
                .until(() -> orders(ids).values().stream().allMatch(o -> FINAL.contains(o.status())));
        return orders(ids);
    }

    public int stock(String productId) {
        return gql.data("query($id: ID!) { product(id: $id) { stock } }", Map.of("id", productId), null).at("/product/stock").asInt();
    }

    /** Units the catalog holds for orders not yet committed; the API does not expose it, so read its document. */
    public int reservedInCatalog(String productId) {
        Document d = mongo.getDatabase("shop_catalog").getCollection("products").find(Filters.eq("_id", productId)).first();
        if (d == null) throw new IllegalStateException("product " + productId + " not in the catalog database");
        Number r = (Number) d.get("reserved");
        return r == null ? 0 : r.intValue();
    }

    /**
     * Admin wallet audit of these customers (in requests of at most 100 ids, the API's limit): wallets checked, the
     * number whose balance differs from their ledger sum, and the mismatches.
     */
    public Audit walletAudit(List<Customer> customers) {
        int checked = 0;
        int mismatches = 0;
        List<JsonNode> details = new ArrayList<>();
        for (int from = 0; from < customers.size(); from += 100) {
            JsonNode a = gql.data("query($ids: [ID!]) { walletAudit(customerIds: $ids) { walletsChecked mismatchCount mismatches { customerId balance { amount } ledgerSum { amount } } } }",
                    Map.of("ids", customers.subList(from, Math.min(customers.size(), from + 100)).stream().map(Customer::id).toList()), admin()).get("walletAudit");
            checked += a.get("walletsChecked").asInt();
            mismatches += a.get("mismatchCount").asInt();
            a.get("mismatches").forEach(details::add);
        }
        return new Audit(checked, mismatches, details);
    }

    public record Audit(int walletsChecked, int mismatchCount, List<JsonNode> mismatches) {}

    /** The customer's notifications as (order id, kind) pairs, one entry per notification. */
    public List<String> notificationKeys(Customer c) {
        JsonNode edges = gql.data("{ myNotifications(first: 100) { edges { node { kind order { id } } } } }", Map.of(), c.token())
                .at("/myNotifications/edges");
        List<String> keys = new ArrayList<>();
        for (JsonNode e : edges) {
            JsonNode n = e.get("node");
            keys.add((n.get("order").isNull() ? "-" : n.at("/order/id").asString()) + ":" + n.get("kind").asString());
        }
        return keys;
    }

    public JsonNode advanceOrder(String orderId, String status) {
        return gql.data("mutation($i: AdvanceOrderInput!) { advanceOrder(input: $i) { order { status } userErrors { code message } } }",
                Map.of("i", Map.of("id", orderId, "status", status)), admin()).get("advanceOrder");
    }
}
