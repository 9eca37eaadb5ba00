package com.shopbff.orders.checkout;

import com.shopbff.contracts.CatalogCommand;
import com.shopbff.contracts.OrderEvent;
import com.shopbff.contracts.SagaReply;
import com.shopbff.contracts.Topics;
import com.shopbff.contracts.WalletCommand;
import com.shopbff.orders.config.OrdersProperties;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderDocument.StockHold;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.orders.order.Transition;
import com.shopbff.support.messaging.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checkout saga, orchestrated here and nowhere else. Reads top to bottom:
 * <pre>
 *   PENDING  --ReserveStock-->   StockReserved   -> RESERVED --DebitWallet--> WalletDebited -> PAID --CommitStock--> CONFIRMED
 *                                StockRejected   -> FAILED (out of stock)
 *                                                              PaymentDeclined -> FAILED, ReleaseStock
 *   no reply within the step timeout -> FAILED, compensated as above (plus RefundWallet if a debit may be in flight)
 * </pre>
 * Its state is the order document (status + version). Each handler re-reads the order, decides from its status, and
 * writes the transition and the commands it implies in one conditional update ({@link OrderStore#apply}); a reply that
 * does not fit the current status (a duplicate, or a late reply after a timeout or cancel) changes nothing. Commands are
 * relayed from the order's outbox, so a crash between the write and the send loses nothing.
 */
public class CheckoutSaga {
    private static final Logger log = LoggerFactory.getLogger(CheckoutSaga.class);
    private static final int MAX_ATTEMPTS = 10;
    static final String OUT_OF_STOCK = "out of stock";
    static final String PAYMENT_DECLINED = "payment declined";
    static final String INSUFFICIENT_FUNDS = PAYMENT_DECLINED + ": insufficient funds in the wallet";
    static final String NO_WALLET = PAYMENT_DECLINED + ": no wallet";
    static final String INVALID_AMOUNT = PAYMENT_DECLINED + ": invalid amount";
    static final String STOCK_TIMEOUT = "timed out waiting for the stock reservation";
    static final String PAYMENT_TIMEOUT = "timed out waiting for the payment";

    private final OrderStore store;
    private final Consumer<String> relay;
    private final Duration stepTimeout;
    private final OrdersProperties.Fulfilment fulfilment;
    private final Consumer<OrderDocument> unsold;
    private final CheckoutMetrics metrics;

    /** @param relay sends an order's pending outbox entries now (the scheduled sweep catches whatever it misses) */
    public CheckoutSaga(OrderStore store, Consumer<String> relay, OrdersProperties properties) {
        this(store, relay, properties, order -> { });
    }

    /** @param unsold called once when an order ends FAILED or CANCELLED (gives its promo code use back) */
    public CheckoutSaga(OrderStore store, Consumer<String> relay, OrdersProperties properties, Consumer<OrderDocument> unsold) {
        this(store, relay, properties, unsold, new CheckoutMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    /** @param metrics counts orders placed/confirmed/failed/cancelled and times the saga's steps */
    public CheckoutSaga(OrderStore store, Consumer<String> relay, OrdersProperties properties, Consumer<OrderDocument> unsold,
                        CheckoutMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.relay = relay;
        this.stepTimeout = properties.saga().stepTimeout();
        this.fulfilment = properties.fulfilment();
        this.unsold = unsold;
    }

    // ------------------------------------------------------------------ step 1: the order is placed, reserve stock

    /** The first state of a new order: PENDING, with ReserveStock and the PENDING event already in its outbox. */
    public OrderDocument pending(OrderDocument draft) {
        Instant now = store.now();
        var reserve = new CatalogCommand.ReserveStock(draft.id(),
                draft.lines().stream().map(l -> new CatalogCommand.Line(l.productId(), l.quantity())).toList());
        var placed = new OrderEvent.OrderStatusChanged(draft.id(), draft.number(), draft.customerId(),
                OrderStatus.PENDING.name(), null, now, null, draft.totalMinor(), draft.currency(), 1);
        return new OrderDocument(draft.id(), draft.number(), draft.customerId(), draft.idempotencyKey(), OrderStatus.PENDING, 1,
                draft.lines(), draft.subtotalMinor(), draft.deliveryFeeMinor(), draft.discountMinor(), draft.totalMinor(),
                draft.currency(), draft.delivery(), draft.promoCode(), now, now,
                List.of(new OrderDocument.StatusEntry(OrderStatus.PENDING, now, null)), null, false, null, StockHold.NONE,
                now.plus(stepTimeout), null, null, false,
                List.of(OutboxEntry.of(Topics.CATALOG_COMMANDS, reserve),
                        OutboxEntry.of(Topics.ORDER_EVENTS, placed)), draft.taxes(), draft.cartVersion());
    }

    /** Stores the new order (with its outbox) and relays ReserveStock; duplicate ids are the caller's business. */
    public OrderDocument start(OrderDocument draft) {
        OrderDocument order = store.insert(pending(draft));
        metrics.placed();
        relay.accept(order.id());
        return order;
    }

    // ------------------------------------------------------------------ step 2: stock reserved -> debit the wallet

    public void on(SagaReply reply) {
        switch (reply) {
            case SagaReply.StockReserved r -> onStockReserved(r);
            case SagaReply.StockRejected r -> onStockRejected(r);
            case SagaReply.WalletDebited r -> onWalletDebited(r);
            case SagaReply.PaymentDeclined r -> onPaymentDeclined(r);
            case SagaReply.WalletRefunded r -> onWalletRefunded(r);
        }
    }

    void onStockReserved(SagaReply.StockReserved reply) {
        decide(reply.orderId(), order -> order.status() != OrderStatus.PENDING ? Optional.empty() : Optional.of(
                Transition.to(OrderStatus.RESERVED)
                        .send(new WalletCommand.DebitWallet(order.id(), order.customerId(), order.totalMinor(), order.currency()))
                        .set("stock", StockHold.RESERVED)
                        .set("stepDeadline", store.now().plus(stepTimeout))));
        // A late StockReserved for an order already FAILED/CANCELLED needs nothing: the ReleaseStock sent then follows
        // the ReserveStock on the same partition (key = order id), so the storehouse gives the reservation back.
    }

    void onStockRejected(SagaReply.StockRejected reply) {
        decide(reply.orderId(), order -> order.status() != OrderStatus.PENDING ? Optional.empty() : Optional.of(
                Transition.to(OrderStatus.FAILED)
                        .reason(outOfStock(order, reply))
                        .set("failureReason", outOfStock(order, reply))
                        .set("stepDeadline", null)));
    }

    // ------------------------------------------------------------------ step 3: paid -> commit stock -> confirmed

    void onWalletDebited(SagaReply.WalletDebited reply) {
        decide(reply.orderId(), order -> {
            if (order.status() != OrderStatus.RESERVED) return Optional.empty();
            Instant now = store.now();
            Instant assembled = now.plus(fulfilment.assembly());
            Instant handedOver = assembled.plus(order.isPickup() ? fulfilment.pickupReady() : fulfilment.delivery());
            return Optional.of(Transition.to(OrderStatus.PAID, OrderStatus.CONFIRMED)
                    .send(new CatalogCommand.CommitStock(order.id()))
                    .set("charged", true)
                    .set("stock", StockHold.COMMITTED)
                    .set("stepDeadline", null)
                    .set("estimatedAssemblyAt", assembled)
                    .set("estimatedDeliveryAt", handedOver));
        });
    }

    void onPaymentDeclined(SagaReply.PaymentDeclined reply) {
        decide(reply.orderId(), order -> {
            if (order.status() != OrderStatus.RESERVED) return Optional.empty();
            String reason = switch (reply.reason()) {
                case INSUFFICIENT_FUNDS -> CheckoutSaga.INSUFFICIENT_FUNDS;
                case WALLET_NOT_FOUND -> NO_WALLET;
                case INVALID_AMOUNT -> CheckoutSaga.INVALID_AMOUNT;
                case null -> PAYMENT_DECLINED;
            };
            return Optional.of(Transition.to(OrderStatus.FAILED).reason(reason)
                    .send(new CatalogCommand.ReleaseStock(order.id()))
                    .set("failureReason", reason)
                    .set("stock", StockHold.RELEASED)
                    .set("stepDeadline", null));
        });
    }

    void onWalletRefunded(SagaReply.WalletRefunded reply) {
        decide(reply.orderId(), order -> order.refundedAt() != null ? Optional.empty()
                : Optional.of(Transition.fieldsOnly().set("refundedAt", store.now())));
    }

    // ------------------------------------------------------------------ timeouts compensate like failures

    /** A step got no reply in time: FAILED, with every compensation that could be owed. */
    public void onTimeout(String orderId) {
        decide(orderId, order -> {
            if (order.stepDeadline() == null || order.stepDeadline().isAfter(store.now())) return Optional.empty();
            return switch (order.status()) {
                case PENDING -> Optional.of(Transition.to(OrderStatus.FAILED)
                        .reason(STOCK_TIMEOUT)
                        .send(new CatalogCommand.ReleaseStock(order.id()))
                        .set("failureReason", STOCK_TIMEOUT)
                        .set("stock", StockHold.RELEASED)
                        .set("stepDeadline", null));
                // The debit may still happen (the wallet was down, or its reply was lost): RefundWallet follows the
                // DebitWallet on the same partition, and the wallet refunds only what it charged for this order.
                case RESERVED -> Optional.of(Transition.to(OrderStatus.FAILED)
                        .reason(PAYMENT_TIMEOUT)
                        .send(new WalletCommand.RefundWallet(order.id(), order.customerId()))
                        .send(new CatalogCommand.ReleaseStock(order.id()))
                        .set("failureReason", PAYMENT_TIMEOUT)
                        .set("stock", StockHold.RELEASED)
                        .set("stepDeadline", null));
                default -> Optional.empty();
            };
        });
    }

    // ------------------------------------------------------------------ after confirmation: cancel and advance

    /** What a cancel or advance request came to: the order as it now is, and a user error code when refused. */
    public record Outcome(OrderDocument order, String errorCode, String message) {
        public boolean refused() { return errorCode != null; }
    }

    /**
     * CANCELLED, compensating whatever the saga did so far: the owner may cancel before OUT_FOR_DELIVERY, ADMIN before
     * DELIVERED / PICKED_UP. Before confirmation the reservation is released (and a debit in flight refunded); after
     * it, the wallet is refunded in full and the committed stock returned.
     */
    public Outcome cancel(String orderId, boolean byAdmin, String reason) {
        String why = reason == null || reason.isBlank() ? (byAdmin ? "cancelled by the shop" : "cancelled by the customer") : reason.strip();
        Outcome[] refused = new Outcome[1];
        Optional<OrderDocument> done = decide(orderId, order -> {
            boolean allowed = switch (order.status()) {
                case PENDING, RESERVED, PAID, CONFIRMED, ASSEMBLING, READY_FOR_PICKUP -> true;
                case OUT_FOR_DELIVERY -> byAdmin;
                case DELIVERED, PICKED_UP, CANCELLED, FAILED -> false;
            };
            if (!allowed) {
                refused[0] = new Outcome(order, "ORDER_NOT_CANCELLABLE", "an order that is " + order.status() + " can no longer be cancelled"
                        + (order.status() == OrderStatus.OUT_FOR_DELIVERY ? " by the customer" : ""));
                return Optional.empty();
            }
            Transition t = Transition.to(OrderStatus.CANCELLED).reason(why).set("stepDeadline", null);
            switch (order.status()) {
                case PENDING -> t.send(new CatalogCommand.ReleaseStock(order.id())).set("stock", StockHold.RELEASED);
                // The debit may be on its way: the refund follows it on the same partition.
                case RESERVED, PAID -> t.send(new WalletCommand.RefundWallet(order.id(), order.customerId()))
                        .send(new CatalogCommand.ReleaseStock(order.id())).set("stock", StockHold.RELEASED);
                default -> t.send(new WalletCommand.RefundWallet(order.id(), order.customerId()))
                        .send(new CatalogCommand.ReturnStock(order.id())).set("stock", StockHold.RETURNED);
            }
            return Optional.of(t);
        });
        if (refused[0] != null) return refused[0];
        return done.map(o -> new Outcome(o, null, null))
                .orElseGet(() -> new Outcome(null, "ORDER_NOT_FOUND", "no such order"));
    }

    /** The fulfilment transitions ADMIN may make; ASSEMBLING is optional. */
    public static boolean canAdvance(OrderDocument order, OrderStatus to) {
        boolean pickup = order.isPickup();
        return switch (order.status()) {
            case CONFIRMED -> to == OrderStatus.ASSEMBLING || to == (pickup ? OrderStatus.READY_FOR_PICKUP : OrderStatus.OUT_FOR_DELIVERY);
            case ASSEMBLING -> to == (pickup ? OrderStatus.READY_FOR_PICKUP : OrderStatus.OUT_FOR_DELIVERY);
            case OUT_FOR_DELIVERY -> to == OrderStatus.DELIVERED;
            case READY_FOR_PICKUP -> to == OrderStatus.PICKED_UP;
            default -> false;
        };
    }

    public Outcome advance(String orderId, OrderStatus to) {
        Outcome[] refused = new Outcome[1];
        Optional<OrderDocument> done = decide(orderId, order -> {
            if (!canAdvance(order, to)) {
                refused[0] = new Outcome(order, "INVALID_TRANSITION",
                        "an order that is " + order.status() + " cannot move to " + to
                                + (order.isPickup() ? " (pickup order)" : " (address delivery)"));
                return Optional.empty();
            }
            return Optional.of(Transition.to(to));
        });
        if (refused[0] != null) return refused[0];
        return done.map(o -> new Outcome(o, null, null))
                .orElseGet(() -> new Outcome(null, "ORDER_NOT_FOUND", "no such order"));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Re-reads the order, asks {@code decision} what to do from its current state, and applies it conditionally on the
     * version read; on a concurrent change, reads and decides again.
     *
     * @return the order after the transition, or empty when the decision was to do nothing (or the order is unknown)
     */
    Optional<OrderDocument> decide(String orderId, Function<OrderDocument, Optional<Transition>> decision) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<OrderDocument> current = store.find(orderId);
            if (current.isEmpty()) {
                log.warn("saga message for unknown order {} ignored", orderId);
                return Optional.empty();
            }
            Optional<Transition> transition = decision.apply(current.get());
            if (transition.isEmpty()) return Optional.empty();
            Optional<OrderDocument> updated = store.apply(current.get(), transition.get());
            if (updated.isPresent()) {
                relay.accept(orderId);
                metrics.transitioned(current.get(), updated.get(), store.now());
                OrderStatus now = updated.get().status();
                // an erased customer's order that was out for delivery kept its address until now (decision 0020)
                if (now != current.get().status() && OrderStore.FINAL.contains(now)) store.eraseAddressIfDue(orderId);
                // Only the one write that ended the order reaches here with that status: the hook runs once.
                if (now != current.get().status() && (now == OrderStatus.FAILED || now == OrderStatus.CANCELLED)) {
                    try {
                        unsold.accept(updated.get());
                    } catch (RuntimeException e) {
                        log.warn("after order {} ended {}: {}", orderId, now, e.toString());
                    }
                }
                return updated;
            }
        }
        throw new IllegalStateException("order " + orderId + " kept changing under the saga; the message will be redelivered");
    }

    private static String outOfStock(OrderDocument order, SagaReply.StockRejected reply) {
        Map<String, String> names = order.lines().stream()
                .collect(Collectors.toMap(OrderDocument.Line::productId, OrderDocument.Line::productName, (a, b) -> a));
        String which = reply.shortages().stream()
                .map(s -> names.getOrDefault(s.productId(), s.productId()) + " (requested " + s.requested() + ", available " + s.available() + ")")
                .collect(Collectors.joining(", "));
        return which.isEmpty() ? OUT_OF_STOCK : OUT_OF_STOCK + ": " + which;
    }
}
