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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntFunction;

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
    private final ReentrantLock[] turns = new ReentrantLock[64];
    /** The stock this instance last read or wrote, per product: the guess of a movement's first attempt. */
    private final Map<String, Integer> lastStock = new ConcurrentHashMap<>();
    /** Compare-and-set attempts lost to a concurrent movement of the same product (exported to Prometheus). */
    private final io.micrometer.core.instrument.Counter conflicts;
    /** First attempts whose guess was wrong: another instance or an administrator had moved the product. */
    private final io.micrometer.core.instrument.Counter guessesMissed;

    public ProductStock(ProductRepository products, ProductIndex index, CatalogOutbox outbox,
                        io.micrometer.core.instrument.MeterRegistry meters) {
        this.products = products;
        this.index = index;
        this.outbox = outbox;
        this.conflicts = meters.counter("catalog.stock.conflicts");
        this.guessesMissed = meters.counter("catalog.stock.guesses.missed");
        for (int i = 0; i < turns.length; i++) turns[i] = new ReentrantLock();
    }

    /** What can be sold now: 0 for an unknown or deleted product. */
    public int available(String productId) {
        return products.stockView(productId, null).filter(ProductRepository.StockView::active).map(ProductRepository.StockView::stock).orElse(0);
    }

    /** An administrator's correction; SHORT when it would take the stock below zero. */
    public Result adjust(String productId, int delta) {
        return change(productId, null, true, null, p -> {
            if (!p.active()) return Step.stop(Outcome.NOT_FOUND, 0);
            if ((long) p.stock() + delta < 0) return Step.stop(Outcome.SHORT, p.stock());
            if ((long) p.stock() + delta > Integer.MAX_VALUE) return Step.stop(Outcome.SHORT, p.stock());
            Document filter = delta < 0 ? new Document("stock", new Document("$gte", -delta)) : new Document();
            return Step.apply(filter, new Document("$inc", new Document("stock", delta)), p.stock() + delta);
        });
    }

    /** Holds {@code quantity} for an order; ALREADY_DONE when this order holds it already. */
    public Result take(String productId, String orderId, int quantity) {
        return change(productId, orderId, false, stock -> new ProductRepository.StockView(productId, stock, true, null, false), p -> {
            if (p.heldForOrder() != null) return Step.stop(Outcome.ALREADY_DONE, p.stock());
            if (!p.active()) return Step.stop(Outcome.NOT_FOUND, 0);
            if (p.stock() < quantity) return Step.stop(Outcome.SHORT, p.stock());
            Document filter = new Document("stock", new Document("$gte", quantity)).append("active", true)
                    .append("holds.orderId", new Document("$ne", orderId));
            return Step.apply(filter, new Document("$inc", new Document("stock", -quantity).append("reserved", quantity))
                    .append("$push", new Document("holds", hold(orderId, quantity))), p.stock() - quantity);
        });
    }

    /** Gives an order's hold back to the stock; ALREADY_DONE when the order holds nothing (any more). */
    public Result release(String productId, String orderId) {
        return change(productId, orderId, false, null, p -> {
            if (p.heldForOrder() == null) return Step.stop(Outcome.ALREADY_DONE, p.stock());
            int q = p.heldForOrder();
            return Step.apply(new Document("holds.orderId", orderId),
                    new Document("$inc", new Document("stock", q).append("reserved", -q))
                            .append("$pull", new Document("holds", new Document("orderId", orderId))), p.stock() + q);
        });
    }

    /**
     * Makes an order's hold of {@code quantity} final: the units leave the warehouse; the sellable stock does not
     * change. ALREADY_DONE when the order holds nothing (any more).
     */
    public Result commit(String productId, String orderId, int quantity) {
        return change(productId, orderId, false, stock -> new ProductRepository.StockView(productId, stock, true, quantity, false), p -> {
            if (p.heldForOrder() == null) return Step.stop(Outcome.ALREADY_DONE, p.stock());
            Document held = new Document("orderId", orderId).append("quantity", p.heldForOrder());
            return Step.quiet(new Document("holds", new Document("$elemMatch", held)),
                    new Document("$inc", new Document("reserved", -p.heldForOrder()))
                            .append("$pull", new Document("holds", new Document("orderId", orderId))));
        });
    }

    /** Puts committed units of an order back on sale; ALREADY_DONE when they were put back before. */
    public Result putBack(String productId, String orderId, int quantity) {
        return change(productId, orderId, false, null, p -> {
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
     * Decides and writes with a compare-and-set on the stock. The first attempt of a take or a commit decides on a
     * guess, the stock this instance last read or wrote (the order holding nothing yet, or exactly what its reservation
     * says): the filter of the write checks every assumption of the guess, so a wrong guess only costs a failed write,
     * and the next attempts read the product (with {@code orderId}'s hold only). Movements of one product in this
     * instance take turns, so the guess is right unless another instance or an administrator moved it; a popular
     * product then costs one round trip per movement instead of two, and the consumers do not lose the
     * compare-and-set to each other (15 % of the movements did, checkout benchmark with one product for everyone).
     *
     * @param guess    the state to decide on first, from the last known stock; null: always read
     * @param readBack the caller reads the product back at once (an administrator's change): searches must see it now
     */
    private Result change(String productId, String orderId, boolean readBack,
                          IntFunction<ProductRepository.StockView> guess, Function<ProductRepository.StockView, Step> decide) {
        ReentrantLock lock = turns[Math.floorMod(productId.hashCode(), turns.length)];
        lock.lock();
        try {
            return changeInTurn(productId, orderId, readBack, guess, decide);
        } finally {
            lock.unlock();
        }
    }

    private Result changeInTurn(String productId, String orderId, boolean readBack,
                                IntFunction<ProductRepository.StockView> guess, Function<ProductRepository.StockView, Step> decide) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Integer known = attempt == 0 && guess != null ? lastStock.get(productId) : null;
            ProductRepository.StockView p;
            if (known != null) {
                p = guess.apply(known);
            } else {
                Optional<ProductRepository.StockView> current = products.stockView(productId, orderId);
                if (current.isEmpty()) return new Result(Outcome.NOT_FOUND, 0, null);
                p = current.get();
                lastStock.put(productId, p.stock());
            }
            Step step = decide.apply(p);
            if (step.stop() != null) {
                if (known != null) continue; // only a read product decides that nothing moves
                return new Result(step.stop(), step.stock(), null);
            }
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
                lastStock.put(productId, written.get().stock());
                // A quiet step (a commit) moves only the reserved units, which the search index does not hold.
                if (readBack) index.put(written.get());
                else if (step.announce()) index.putSoon(written.get());
                if (step.announce()) outbox.relayProduct(productId);
                return new Result(Outcome.DONE, written.get().stock(), written.get());
            }
            if (known != null) guessesMissed.increment();
            else conflicts.increment();
        }
        throw new IllegalStateException("stock of " + productId + " kept changing; gave up after " + MAX_ATTEMPTS + " attempts");
    }
}
