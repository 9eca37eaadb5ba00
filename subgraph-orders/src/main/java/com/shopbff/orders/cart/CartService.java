package com.shopbff.orders.cart;

import com.shopbff.orders.projection.ProductView;
import com.shopbff.orders.projection.Projections;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The customer's cart. Quantities are 1..99; only products the catalog projection knows as active can be added. */
@Service
public class CartService {
    public static final int MAX_QUANTITY = 99;
    private static final int MAX_ATTEMPTS = 10;
    private final MongoTemplate mongo;
    private final Projections projections;
    private final Clock clock;

    public CartService(MongoTemplate mongo, Projections projections, Clock clock) {
        this.mongo = mongo;
        this.projections = projections;
        this.clock = clock;
    }

    /** A business rule refused the change; becomes a userError. */
    public static final class CartRefused extends RuntimeException {
        public final String code;
        public final String field;

        CartRefused(String code, String field, String message) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }
    }

    public CartDocument cart(String customerId) {
        CartDocument cart = mongo.findById(customerId, CartDocument.class);
        return cart != null ? cart : new CartDocument(customerId, 0, List.of(), null);
    }

    public CartDocument add(String customerId, String productId, int quantity) {
        checkQuantity(quantity);
        Optional<ProductView> product = projections.activeProductWaiting(productId);
        if (product.isEmpty()) throw new CartRefused("PRODUCT_NOT_FOUND", "productId", "no product on sale with id " + productId);
        return modify(customerId, lines -> {
            List<CartDocument.Line> next = new ArrayList<>();
            boolean merged = false;
            for (CartDocument.Line l : lines) {
                if (l.productId().equals(productId)) {
                    int total = l.quantity() + quantity;
                    if (total > MAX_QUANTITY) throw new CartRefused("QUANTITY_OUT_OF_RANGE", "quantity",
                            "at most " + MAX_QUANTITY + " of one product per cart (already " + l.quantity() + ")");
                    next.add(new CartDocument.Line(productId, total));
                    merged = true;
                } else {
                    next.add(l);
                }
            }
            if (!merged) next.add(new CartDocument.Line(productId, quantity));
            return next;
        });
    }

    public CartDocument update(String customerId, String productId, int quantity) {
        checkQuantity(quantity);
        return modify(customerId, lines -> {
            if (lines.stream().noneMatch(l -> l.productId().equals(productId)))
                throw new CartRefused("NOT_IN_CART", "productId", "the cart has no line for product " + productId);
            return lines.stream().map(l -> l.productId().equals(productId) ? new CartDocument.Line(productId, quantity) : l).toList();
        });
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
