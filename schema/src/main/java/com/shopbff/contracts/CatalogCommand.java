package com.shopbff.contracts;

import java.util.List;

/** Storehouse commands on {@link Topics#CATALOG_COMMANDS}, keyed by order id, sent by the order saga. */
public sealed interface CatalogCommand extends Message
        permits CatalogCommand.ReserveStock, CatalogCommand.ReleaseStock, CatalogCommand.CommitStock, CatalogCommand.ReturnStock {
    String orderId();

    @Override
    default String key() { return orderId(); }

    record Line(String productId, int quantity) {}

    /** All or nothing: answered by {@link SagaReply.StockReserved} or {@link SagaReply.StockRejected}. */
    record ReserveStock(String orderId, List<Line> lines) implements CatalogCommand {
        public ReserveStock { lines = List.copyOf(lines); }
    }

    /** Gives a reservation back (payment failed, order cancelled before confirmation, saga timed out). */
    record ReleaseStock(String orderId) implements CatalogCommand {}

    /** Makes a reservation final (order confirmed). */
    record CommitStock(String orderId) implements CatalogCommand {}

    /** Puts committed stock back (order cancelled after confirmation). */
    record ReturnStock(String orderId) implements CatalogCommand {}
}
