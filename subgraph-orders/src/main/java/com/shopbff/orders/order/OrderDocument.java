package com.shopbff.orders.order;

import com.shopbff.orders.generated.types.DeliveryMethod;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.support.messaging.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * An order and the state of its checkout saga. {@code version} grows by one per status change; every change is a
 * conditional update on {@code {_id, version}} that also pushes the messages announcing it to {@code outbox}.
 *
 * @param id              derived from customer id + checkout idempotency key, so a retried checkout finds it
 * @param charged         the wallet debit was confirmed (a refund is due if the order is cancelled)
 * @param refundedAt      when the wallet confirmed the refund, if any
 * @param stock           what the storehouse holds for this order
 * @param stepDeadline    when the saga step in progress times out (null when no step is waiting for a reply)
 * @param taxes           the taxes in the total, as quoted at checkout (null for orders placed before taxes)
 * @param cartVersion     the version of the cart the order was placed from (its lines go back to it only while the
 *                        cart is exactly as the checkout left it); null when not placed from a cart
 */
@Document(OrderStore.COLLECTION)
public record OrderDocument(@Id String id, String number, String customerId, String idempotencyKey,
                            OrderStatus status, long version, List<Line> lines,
                            long subtotalMinor, long deliveryFeeMinor, long discountMinor, long totalMinor, String currency,
                            Delivery delivery, String promoCode, Instant placedAt, Instant updatedAt,
                            List<StatusEntry> statusHistory, String failureReason, boolean charged, Instant refundedAt, StockHold stock,
                            Instant stepDeadline, Instant estimatedAssemblyAt, Instant estimatedDeliveryAt,
                            boolean anonymised, List<OutboxEntry> outbox, Taxes taxes,
                            Long cartVersion) {

    public record Line(String productId, String productName, int quantity, long unitPriceMinor) {
        public long lineTotalMinor() {
            return unitPriceMinor * quantity;
        }
    }

    public record Delivery(DeliveryMethod method, DeliveryAddress address, String pickupPointId, String pickupPointName) {}

    public record DeliveryAddress(String line1, String line2, String city, String postalCode, String country) {}

    public record StatusEntry(OrderStatus status, Instant at, String reason) {}

    /** The tax part of the order's price: one line per rate, their sum, and whether the prices included them. */
    public record Taxes(List<TaxLine> lines, long totalMinor, boolean pricesIncluded) {}

    /** @see com.shopbff.orders.pricing.PriceBreakdown.TaxLine */
    public record TaxLine(String taxClass, String rate, long taxableMinor, long amountMinor) {}

    public enum StockHold { NONE, RESERVED, COMMITTED, RELEASED, RETURNED }

    public boolean isPickup() {
        return delivery != null && delivery.method() == DeliveryMethod.PICKUP;
    }
}
