package com.shopbff.catalog.stock;

import com.shopbff.catalog.messaging.CatalogOutbox;
import com.shopbff.catalog.product.ProductDocument;
import com.shopbff.catalog.product.ProductRepository;
import com.shopbff.catalog.search.ProductIndex;
import com.shopbff.contracts.CatalogEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.OutboxEntry;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every movement of a product's stock: one conditional single-document update each, which also records which order
 * moved it (so a repeated command is recognised) and puts the StockChanged event into the product's outbox.
 * Stock can never go below zero: taking n requires {@code stock >= n} in the update's filter.
 */
@Component
public class ProductStock {
    private static final int MAX_ATTEMPTS = 10_000;

    public enum Outcome { DONE, ALREADY_DONE, SHORT, NOT_FOUND }

    /** The outcome, the stock left (or available when SHORT), and the product as written when DONE. */
    public record Result(Outcome outcome, int stock, ProductDocument product) {}

    private final ProductRepository products;
    private final ProductIndex index;
    private final CatalogOutbox outbox;

    public ProductStock(ProductRepository products, ProductIndex index, CatalogOutbox outbox) {
        this.products = products;
        this.index = index;
        this.outbox = outbox;
    }

    /** What can be sold now: 0 for an unknown or deleted product. */
    public int available(String productId) {
        return products.stockView(productId, null).filter(ProductRepository.StockView::active).map(ProductRepository.StockView::stock).orElse(0);
    }

    /** An administrator's correction; SHORT when it would take the stock below zero. */
    public Result adjust(String productId, int delta) {
        return change(productId, null, true, p -> {
            if (!p.active()) return Step.stop(Outcome.NOT_FOUND, 0);
            if ((long) p.stock() + delta < 0) return Step.stop(Outcome.SHORT, p.stock());
            if ((long) p.stock() + delta > Integer.MAX_VALUE) return Step.stop(Outcome.SHORT, p.stock());
            Document filter = delta < 0 ? new Document("stock", new Document("$gte", -delta)) : new Document();
            return Step.apply(filter, new Document("$inc", new Document("stock", delta)), p.stock() + delta);
        });
    }

    /** Holds {@code quantity} for an order; ALREADY_DONE when this order holds it already. */
    public Result take(String productId, String orderId, int quantity) {
        return change(productId, orderId, false, p -> {
            if (p.heldForOrder() != null) return Step.stop(Outcome.ALREADY_DONE, p.stock());
            if (!p.active()) return Step.stop(Outcome.NOT_FOUND, 0);
            if (p.stock() < quantity) return Step.stop(Outcome.SHORT, p.stock());
            Document filter = new Document("stock", new Document("$gte", quantity))
                    .append("holds.orderId", new Document("$ne", orderId));
            return Step.apply(filter, new Document("$inc", new Document("stock", -quantity).append("reserved", quantity))
                    .append("$push", new Document("holds", hold(orderId, quantity))), p.stock() - quantity);
        });
    }

    /** Gives an order's hold back to the stock; ALREADY_DONE when the order holds nothing (any more). */
    public Result release(String productId, String orderId) {
        return change(productId, orderId, false, p -> {
            if (p.heldForOrder() == null) return Step.stop(Outcome.ALREADY_DONE, p.stock());
            int q = p.heldForOrder();
            return Step.apply(new Document("holds.orderId", orderId),
                    new Document("$inc", new Document("stock", q).append("reserved", -q))
                            .append("$pull", new Document("holds", new Document("orderId", orderId))), p.stock() + q);
        });
    }

    /** Makes an order's hold final: the units leave the warehouse; the sellable stock does not change. */
    public Result commit(String productId, String orderId) {
        return change(productId, orderId, false, p -> {
            if (p.heldForOrder() == null) return Step.stop(Outcome.ALREADY_DONE, p.stock());
            return Step.quiet(new Document("holds.orderId", orderId),
                    new Document("$inc", new Document("reserved", -p.heldForOrder()))
                            .append("$pull", new Document("holds", new Document("orderId", orderId))));
        });
    }

    /** Puts committed units of an order back on sale; ALREADY_DONE when they were put back before. */
    public Result putBack(String productId, String orderId, int quantity) {
        return change(productId, orderId, false, p -> {
            if (p.returnedForOrder()) return Step.stop(Outcome.ALREADY_DONE, p.stock());
            return Step.apply(new Document("returns", new Document("$ne", orderId)),
                    new Document("$inc", new Document("stock", quantity)).append("$push", new Document("returns", orderId)),
                    p.stock() + quantity);
        });
    }

    /** A hold as stored in {@code holds} (see {@link ProductDocument.StockHold}). */
    private static Document hold(String orderId, int quantity) {
        return new Document("orderId", orderId).append("quantity", quantity);
    }

    /** Forgets that an order's units were put back, once its reservation records that it is RETURNED. */
    public void forgetReturn(String productId, String orderId) {
        products.pullReturn(productId, orderId);
    }

    private record Step(Outcome stop, int stock, Document filter, Document update, boolean announce) {
        static Step stop(Outcome outcome, int stock) {
            return new Step(outcome, stock, null, null, false);
        }

        static Step apply(Document filter, Document update, int newStock) {
            return new Step(null, newStock, filter, update, true);
        }

        static Step quiet(Document filter, Document update) {
            return new Step(null, 0, filter, update, false);
        }
    }

    /**
     * Reads the product's stock (with {@code orderId}'s hold only), decides, and writes with a compare-and-set on the
     * stock read; a lost race reads again.
     *
     * @param readBack the caller reads the product back at once (an administrator's change): searches must see it now
     */
    private Result change(String productId, String orderId, boolean readBack, Function<ProductRepository.StockView, Step> decide) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ProductRepository.StockView> current = products.stockView(productId, orderId);
            if (current.isEmpty()) return new Result(Outcome.NOT_FOUND, 0, null);
            ProductRepository.StockView p = current.get();
            Step step = decide.apply(p);
            if (step.stop() != null) return new Result(step.stop(), step.stock(), null);
            Document update = new Document(step.update());
            update.put("$set", new Document("updatedAt", Date.from(Instant.now())));
            if (step.announce()) {
                OutboxEntry event = OutboxEntry.of(Topics.CATALOG_EVENTS, new CatalogEvent.StockChanged(productId, step.stock()));
                Document push = new Document(update.get("$push", new Document()));
                push.put("outbox", event.toDocument());
                update.put("$push", push);
            }
            Optional<ProductDocument> written = products.compareAndSetStock(productId, p.stock(), step.filter(), update);
            if (written.isPresent()) {
                // A quiet step (a commit) moves only the reserved units, which the search index does not hold.
                if (readBack) index.put(written.get());
                else if (step.announce()) index.putSoon(written.get());
                if (step.announce()) outbox.relayProduct(productId);
                return new Result(Outcome.DONE, written.get().stock(), written.get());
            }
        }
        throw new IllegalStateException("stock of " + productId + " kept changing; gave up after " + MAX_ATTEMPTS + " attempts");
    }
}
