package com.shopbff.orders.privacy;

import com.shopbff.orders.cart.CartDocument;
import com.shopbff.orders.cart.CartService;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.support.privacy.PrivacyReplies;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This subgraph's part of a data export: every order of the customer (as stored, minus the saga's bookkeeping) and the
 * cart.
 */
@Service
public class OrdersDataExport {
    /** Fields of an order that are the saga's bookkeeping, not the customer's data. */
    private static final List<String> INTERNAL = List.of("outbox", "version", "stepDeadline", "stock", "idempotencyKey", "charged");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OrderStore orders;
    private final CartService carts;
    private final PrivacyReplies replies;

    public OrdersDataExport(OrderStore orders, CartService carts, PrivacyReplies replies) {
        this.orders = orders;
        this.carts = carts;
        this.replies = replies;
    }

    public void send(String customerId, String exportId) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("orders", orders.find(Criteria.where("customerId").is(customerId)).stream()
                .sorted(java.util.Comparator.comparing(OrderDocument::placedAt)).map(OrdersDataExport::exported).toList());
        CartDocument cart = carts.cart(customerId);
        part.put("cart", cart.lines().stream().map(l -> Map.of("productId", l.productId(), "quantity", l.quantity())).toList());
        replies.sendExportPart(customerId, exportId, part);
    }

    private static ObjectNode exported(OrderDocument order) {
        ObjectNode node = JSON.valueToTree(order);
        INTERNAL.forEach(node::remove);
        return node;
    }
}
