package com.shopbff.orders.privacy;

import com.shopbff.orders.cart.CartService;
import com.shopbff.orders.checkout.CheckoutSaga;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.support.privacy.PrivacyReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * A deleted customer's data in this subgraph (decision 0020): every order not yet handed to delivery is cancelled
 * through the saga (stock returned, the payment refunded to the wallet, which pays it out to the customer's payment
 * method of record), then every order is anonymised — amounts and statuses stay for the books, the delivery address
 * and the checkout key go; an order already out for delivery keeps its address until it is delivered. The cart is
 * removed (the saved addresses' projection is dropped by the projection listener). Idempotent; the customer subgraph
 * is told what was done.
 */
@Service
public class OrdersErasure {
    static final String REASON = "cancelled because the customer erased their account";
    private static final Logger log = LoggerFactory.getLogger(OrdersErasure.class);
    private static final List<String> NOT_YET_SHIPPED = List.of(OrderStatus.PENDING.name(), OrderStatus.RESERVED.name(),
            OrderStatus.PAID.name(), OrderStatus.CONFIRMED.name(), OrderStatus.ASSEMBLING.name(), OrderStatus.READY_FOR_PICKUP.name());

    private final OrderStore orders;
    private final CheckoutSaga saga;
    private final CartService carts;
    private final PrivacyReplies replies;

    public OrdersErasure(OrderStore orders, CheckoutSaga saga, CartService carts, PrivacyReplies replies) {
        this.orders = orders;
        this.saga = saga;
        this.carts = carts;
        this.replies = replies;
    }

    public void erase(String customerId) {
        int cancelled = 0;
        for (OrderDocument order : orders.find(Criteria.where("customerId").is(customerId).and("status").in(NOT_YET_SHIPPED))) {
            CheckoutSaga.Outcome outcome = saga.cancel(order.id(), true, REASON);
            if (outcome.refused()) {
                log.warn("erasure of customer {}: order {} could not be cancelled: {}", customerId, order.id(), outcome.message());
            } else {
                cancelled++;
            }
        }
        OrderStore.Anonymised anonymised = orders.anonymiseCustomer(customerId);
        carts.delete(customerId);
        String detail = cancelled + " unshipped orders cancelled and refunded, " + anonymised.orders() + " orders anonymised"
                + (anonymised.keptForDelivery() > 0 ? ", " + anonymised.keptForDelivery()
                + " out for delivery keep their address until delivered" : "") + ", cart removed";
        replies.sendErasureCompleted(customerId, detail);
        log.info("customer {} erased: {}", customerId, detail);
    }
}
