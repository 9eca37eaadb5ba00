package com.shopbff.orders.checkout;

import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.order.OrderDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checkout's business metrics (Micrometer, served at {@code /actuator/prometheus}):
 * <ul>
 *   <li>{@code shop_orders_placed_total}, {@code shop_orders_confirmed_total}, {@code shop_orders_cancelled_total};</li>
 *   <li>{@code shop_orders_failed_total{reason}}: {@link FailureReason} (out_of_stock, insufficient_funds, no_wallet,
 *       invalid_amount, payment_declined, stock_timeout, payment_timeout, other);</li>
 *   <li>{@code shop_saga_step_seconds{step, outcome}} (histogram): how long an order waited in a saga step, from the
 *       write that began it to the one that ended it; step {@code reserve_stock} (PENDING) or {@code payment}
 *       (RESERVED), outcome the status it went on to (reserved, confirmed, failed, cancelled).</li>
 * </ul>
 */
public final class CheckoutMetrics {
    /** Why an order failed, as a bounded label. */
    enum FailureReason { OUT_OF_STOCK, INSUFFICIENT_FUNDS, NO_WALLET, INVALID_AMOUNT, PAYMENT_DECLINED, STOCK_TIMEOUT, PAYMENT_TIMEOUT, OTHER }

    private static final List<OrderStatus> STEP_OUTCOMES = List.of(OrderStatus.RESERVED, OrderStatus.CONFIRMED,
            OrderStatus.FAILED, OrderStatus.CANCELLED);

    private final Counter placed;
    private final Counter confirmed;
    private final Counter cancelled;
    private final Map<FailureReason, Counter> failed = new EnumMap<>(FailureReason.class);
    private final Map<OrderStatus, Timer> reserveStep = new EnumMap<>(OrderStatus.class);
    private final Map<OrderStatus, Timer> paymentStep = new EnumMap<>(OrderStatus.class);

    public CheckoutMetrics(MeterRegistry registry) {
        placed = Counter.builder("shop.orders.placed").description("Orders placed (checkouts that created an order)").register(registry);
        confirmed = Counter.builder("shop.orders.confirmed").description("Orders confirmed (stock held, payment taken)").register(registry);
        cancelled = Counter.builder("shop.orders.cancelled").description("Orders cancelled by the customer or the shop").register(registry);
        for (FailureReason r : FailureReason.values()) {
            failed.put(r, Counter.builder("shop.orders.failed").description("Orders the checkout saga failed, by reason")
                    .tag("reason", r.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        for (OrderStatus to : STEP_OUTCOMES) {
            reserveStep.put(to, stepTimer(registry, "reserve_stock", to));
            paymentStep.put(to, stepTimer(registry, "payment", to));
        }
    }

    private static Timer stepTimer(MeterRegistry registry, String step, OrderStatus to) {
        return Timer.builder("shop.saga.step").description("Time an order spent in a checkout saga step")
                .tag("step", step).tag("outcome", to.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5)).register(registry);
    }

    void placed() {
        placed.increment();
    }

    /** One write moved an order from {@code before}'s status to {@code after}'s, at {@code now}. */
    void transitioned(OrderDocument before, OrderDocument after, Instant now) {
        OrderStatus from = before.status();
        OrderStatus to = after.status();
        if (from == to) return;
        Map<OrderStatus, Timer> step = from == OrderStatus.PENDING ? reserveStep : from == OrderStatus.RESERVED ? paymentStep : null;
        if (step != null && step.containsKey(to) && !before.statusHistory().isEmpty()) {
            Duration waited = Duration.between(before.statusHistory().getLast().at(), now);
            if (!waited.isNegative()) step.get(to).record(waited);
        }
        switch (to) {
            case CONFIRMED -> confirmed.increment();
            case CANCELLED -> cancelled.increment();
            case FAILED -> failed.get(reasonOf(after.failureReason())).increment();
            default -> { }
        }
    }

    /** The label of a failure reason the saga wrote ({@link CheckoutSaga}'s texts). */
    static FailureReason reasonOf(String reason) {
        if (reason == null) return FailureReason.OTHER;
        if (reason.startsWith(CheckoutSaga.OUT_OF_STOCK)) return FailureReason.OUT_OF_STOCK;
        if (reason.equals(CheckoutSaga.INSUFFICIENT_FUNDS)) return FailureReason.INSUFFICIENT_FUNDS;
        if (reason.equals(CheckoutSaga.NO_WALLET)) return FailureReason.NO_WALLET;
        if (reason.equals(CheckoutSaga.INVALID_AMOUNT)) return FailureReason.INVALID_AMOUNT;
        if (reason.startsWith(CheckoutSaga.PAYMENT_DECLINED)) return FailureReason.PAYMENT_DECLINED;
        if (reason.equals(CheckoutSaga.STOCK_TIMEOUT)) return FailureReason.STOCK_TIMEOUT;
        if (reason.equals(CheckoutSaga.PAYMENT_TIMEOUT)) return FailureReason.PAYMENT_TIMEOUT;
        return FailureReason.OTHER;
    }
}
