package com.shopbff.orders.cart;

import com.shopbff.orders.projection.ProductView;
import com.shopbff.orders.projection.Projections;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.shopbff.orders.config.OrdersProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The customer's cart. Quantities are 1..99 and at most the stock the catalog projection knows; only products it knows
 * as active can be added.
 */
@Service
public class CartService {
    public static final int MAX_QUANTITY = 99;
    private static final int MAX_ATTEMPTS = 10;
    private final MongoTemplate mongo;
    private final Projections projections;
    private final Clock clock;
    private final Duration guestCartTtl;

    public CartService(MongoTemplate mongo, Projections projections, Clock clock, OrdersProperties properties) {
        this.mongo = mongo;
        this.projections = projections;
        this.clock = clock;
        this.guestCartTtl = properties.guestCartTtl();
    }

    /** A business rule refused the change; becomes a userError. */
    public static final class CartRefused extends RuntimeException {
        public final String code;
        public final String field;

        public CartRefused(String code, String field, String message) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }
    }

    public CartDocument cart(String customerId) {
        CartDocument cart = mongo.findById(customerId, CartDocument.class);
        return cart != null ? cart : new CartDocument(customerId, 0, List.of(), null);
    }

    /** A guest cart that exists and has not expired. */
    public Optional<CartDocument> guestCart(String cartId) {
        return Optional.ofNullable(mongo.findById(cartId, CartDocument.class))
                .filter(c -> Boolean.TRUE.equals(c.guest()))
                .filter(c -> c.updatedAt() == null || c.updatedAt().isAfter(clock.instant().minus(guestCartTtl)));
    }

    /** What a merge came to: the customer's cart and a user error per line that was capped or dropped. */
    public record Merged(CartDocument cart, List<CartRefused> adjustments) {}

    /**
     * Adds a guest cart's lines to the customer's cart (quantities added, capped by the projection's stock and by
     * {@value #MAX_QUANTITY}; products no longer on sale dropped), then deletes the guest cart. The customer's cart
     * records the guest cart id in the same write, so a repeated merge (a retry after a crash between the two writes)
     * adds nothing twice.
     */
    public Merged mergeGuest(String customerId, String guestCartId) {
        CartDocument guest = mongo.findById(guestCartId, CartDocument.class);
        if (guest == null || !Boolean.TRUE.equals(guest.guest())) {
            CartDocument mine = cart(customerId);
            if (mine.mergedOrNone().contains(guestCartId)) return new Merged(mine, List.of());
            throw new CartRefused("CART_TOKEN_INVALID", "cartToken", "unknown or expired guest cart");
        }
        Map<String, ProductView> products = projections.products(guest.lines().stream().map(CartDocument.Line::productId).toList())
                .stream().collect(Collectors.toMap(ProductView::id, Function.identity()));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            CartDocument current = mongo.findById(customerId, CartDocument.class);
            List<CartRefused> adjustments = new ArrayList<>();
            if (current != null && current.mergedOrNone().contains(guestCartId)) {
                mongo.remove(Query.query(Criteria.where("_id").is(guestCartId)), CartDocument.class);
                return new Merged(current, List.of());
            }
            Map<String, Integer> lines = new LinkedHashMap<>();
            if (current != null) current.lines().forEach(l -> lines.put(l.productId(), l.quantity()));
            for (CartDocument.Line l : guest.lines()) {
                ProductView p = products.get(l.productId());
                if (p == null || !p.active()) {
                    adjustments.add(new CartRefused("PRODUCT_UNAVAILABLE", "cartToken", "a product of the guest cart is no longer on sale: "
                            + (p == null ? l.productId() : p.name())));
                    continue;
                }
                int had = lines.getOrDefault(l.productId(), 0);
                int cap = Math.min(MAX_QUANTITY, Math.max(0, p.stock()));
                int merged = Math.min(had + l.quantity(), Math.max(had, cap));
                if (merged < had + l.quantity())
                    adjustments.add(new CartRefused("QUANTITY_CAPPED", "cartToken", p.name() + ": " + merged + " in the cart, not "
                            + (had + l.quantity()) + " (only " + Math.max(0, p.stock()) + " available, at most " + MAX_QUANTITY + ")"));
                if (merged > 0) lines.put(l.productId(), merged);
            }
            List<CartDocument.Line> next = lines.entrySet().stream().map(e -> new CartDocument.Line(e.getKey(), e.getValue())).toList();
            List<String> mergedIds = new ArrayList<>(current == null ? List.of() : current.mergedOrNone());
            mergedIds.add(guestCartId);
            if (mergedIds.size() > 20) mergedIds = mergedIds.subList(mergedIds.size() - 20, mergedIds.size());
            Instant now = clock.instant();
            CartDocument written = new CartDocument(customerId, current == null ? 1 : current.version() + 1, next, now, false, List.copyOf(mergedIds));
            boolean done;
            if (current == null) {
                try {
                    mongo.insert(written);
                    done = true;
                } catch (DuplicateKeyException e) {
                    done = false;
                }
            } else {
                done = mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId).and("version").is(current.version())),
                        new Update().set("lines", next).set("version", written.version()).set("updatedAt", now).set("merged", written.merged()),
                        CartDocument.class).getMatchedCount() == 1;
            }
            if (done) {
                mongo.remove(Query.query(Criteria.where("_id").is(guestCartId)), CartDocument.class);
                return new Merged(written, List.copyOf(adjustments));
            }
        }
        throw new IllegalStateException("cart " + customerId + " kept changing");
    }

    /** Deletes guest carts untouched for {@code shop.orders.guest-cart-ttl}. */
    public long deleteExpiredGuestCarts() {
        return mongo.remove(Query.query(Criteria.where("guest").is(true).and("updatedAt").lt(clock.instant().minus(guestCartTtl))),
                CartDocument.class).getDeletedCount();
    }

    public CartDocument add(String customerId, String productId, int quantity) {
        checkQuantity(quantity);
        ProductView product = onSale(productId);
        return modify(customerId, lines -> {
            List<CartDocument.Line> next = new ArrayList<>();
            boolean merged = false;
            for (CartDocument.Line l : lines) {
                if (l.productId().equals(productId)) {
                    int total = l.quantity() + quantity;
                    if (total > MAX_QUANTITY) throw new CartRefused("QUANTITY_OUT_OF_RANGE", "quantity",
                            "at most " + MAX_QUANTITY + " of one product per cart (already " + l.quantity() + ")");
                    checkStock(product, total, l.quantity());
                    next.add(new CartDocument.Line(productId, total));
                    merged = true;
                } else {
                    next.add(l);
                }
            }
            if (!merged) {
                checkStock(product, quantity, 0);
                next.add(new CartDocument.Line(productId, quantity));
            }
            return next;
        });
    }

    public CartDocument update(String customerId, String productId, int quantity) {
        checkQuantity(quantity);
        ProductView product = projections.product(productId).orElse(null);
        return modify(customerId, lines -> {
            CartDocument.Line line = lines.stream().filter(l -> l.productId().equals(productId)).findFirst()
                    .orElseThrow(() -> new CartRefused("NOT_IN_CART", "productId", "the cart has no line for product " + productId));
            // Lowering a quantity is always allowed: it never asks for more than the cart already held.
            if (product != null && quantity > line.quantity()) checkStock(product, quantity, line.quantity());
            return lines.stream().map(l -> l.productId().equals(productId) ? new CartDocument.Line(productId, quantity) : l).toList();
        });
    }

    /**
     * Puts the lines of an order that FAILED back into the cart it was placed from, if the cart is still exactly as
     * that checkout left it (emptied, version {@code placedFromVersion + 1}): a cart the customer has touched since
     * is theirs, and is not mixed with an old order's lines.
     *
     * @return whether the lines went back
     */
    public boolean giveBack(String customerId, long placedFromVersion, List<CartDocument.Line> lines) {
        long emptied = placedFromVersion + 1;
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId).and("version").is(emptied)),
                new Update().set("lines", List.copyOf(lines)).set("version", emptied + 1).set("updatedAt", clock.instant()),
                CartDocument.class);
        return result.getModifiedCount() == 1;
    }

    public CartDocument remove(String customerId, String productId) {
        return modify(customerId, lines -> lines.stream().filter(l -> !l.productId().equals(productId)).toList());
    }

    public CartDocument clear(String customerId) {
        return modify(customerId, lines -> List.of());
    }

    /** Empties the cart an order was placed from, unless the customer changed it in the meantime. */
    public void clearIfUnchanged(CartDocument placedFrom) {
        if (placedFrom.version() == 0) return;
        mongo.updateFirst(Query.query(Criteria.where("_id").is(placedFrom.customerId()).and("version").is(placedFrom.version())),
                new Update().set("lines", List.of()).inc("version", 1).set("updatedAt", clock.instant()), CartDocument.class);
    }

    public void delete(String customerId) {
        mongo.remove(Query.query(Criteria.where("_id").is(customerId)), CartDocument.class);
    }

    private ProductView onSale(String productId) {
        return projections.activeProductWaiting(productId)
                .orElseThrow(() -> new CartRefused("PRODUCT_NOT_FOUND", "productId", "no product on sale with id " + productId));
    }

    /**
     * Refuses a line above the stock the catalog last announced (the projection); the message carries the available
     * quantity. The storehouse still has the last word at checkout: the projection may lag a concurrent sale.
     */
    private static void checkStock(ProductView product, int wanted, int alreadyInCart) {
        int available = Math.max(0, product.stock());
        if (wanted > available)
            throw new CartRefused("INSUFFICIENT_STOCK", "quantity", alreadyInCart == 0
                    ? "only " + available + " of " + product.name() + " available"
                    : "only " + available + " of " + product.name() + " available (" + alreadyInCart + " already in the cart)");
    }

    private static void checkQuantity(int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY)
            throw new CartRefused("QUANTITY_OUT_OF_RANGE", "quantity", "quantity must be between 1 and " + MAX_QUANTITY);
    }

    private CartDocument modify(String customerId, UnaryOperator<List<CartDocument.Line>> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            CartDocument current = mongo.findById(customerId, CartDocument.class);
            if (current == null) {
                CartDocument created = new CartDocument(customerId, 1, List.copyOf(change.apply(List.of())), clock.instant());
                try {
                    return mongo.insert(created);
                } catch (DuplicateKeyException e) {
                    continue;
                }
            }
            List<CartDocument.Line> lines = List.copyOf(change.apply(current.lines()));
            var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId).and("version").is(current.version())),
                    new Update().set("lines", lines).set("version", current.version() + 1).set("updatedAt", clock.instant()),
                    CartDocument.class);
            if (result.getMatchedCount() == 1) return new CartDocument(customerId, current.version() + 1, lines, clock.instant());
        }
        throw new IllegalStateException("cart " + customerId + " kept changing");
    }
}
