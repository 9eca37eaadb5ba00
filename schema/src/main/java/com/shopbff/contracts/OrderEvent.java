package com.shopbff.contracts;

import java.time.Instant;

/** Events on {@link Topics#ORDER_EVENTS}, keyed by order id. */
public sealed interface OrderEvent extends Message permits OrderEvent.OrderStatusChanged {
    String orderId();

    @Override
    default String key() { return orderId(); }

    /** Every status change of an order, in order; {@code version} is the order document's version after the change. */
    record OrderStatusChanged(String orderId, String orderNumber, String customerId, String status, String previousStatus,
                              Instant at, String reason, long totalMinor, String currency, long version) implements OrderEvent {}
}
