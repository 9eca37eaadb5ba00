package com.shopbff.orders.checkout;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.shopbff.contracts.CatalogCommand;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.OrderEvent;
import com.shopbff.contracts.SagaReply;
import com.shopbff.contracts.WalletCommand;
import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.orders.config.OrdersProperties;
import com.shopbff.orders.generated.types.DeliveryMethod;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.support.messaging.OutboxEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The saga fed replies directly, without a broker: every branch, duplicates and late replies. The order document (on
 * the MongoDB-wire server) is the saga state; its outbox shows exactly which commands and events would be sent.
 */
class CheckoutSagaTest {
    private static MongoClient client;
    private static MongoTemplate mongo;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final List<String> relayed = new ArrayList<>();
    private final List<String> unsold = new ArrayList<>();
    private OrderStore store;
    private CheckoutSaga saga;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void connect() {
        client = MongoClients.create(SharedTestInfra.mongo().connectionString());
        mongo = new MongoTemplate(client, "saga_unit_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    CheckoutSagaTest() {
        store = new OrderStore(mongo, clock);
        OrdersProperties props = new OrdersProperties(null, null, null, null,
                new OrdersProperties.Saga(Duration.ofSeconds(30), null), null, null, null, null);
        saga = new CheckoutSaga(store, relayed::add, props, o -> unsold.add(o.id()), new CheckoutMetrics(meters));
    }

    private OrderDocument placed(DeliveryMethod method) {
        String id = UUID.randomUUID().toString();
        OrderDocument draft = new OrderDocument(id, "SO-2026-000001", "cust-" + id, "key", null, 0,
                List.of(new OrderDocument.Line("p1", "Oolong", 2, 750)), 1500, method == DeliveryMethod.PICKUP ? 0 : 250, 0,
                method == DeliveryMethod.PICKUP ? 1500 : 1750, "USD",
                new OrderDocument.Delivery(method, null, method == DeliveryMethod.PICKUP ? "pp1" : null, null), null,
                null, null, List.of(), null, false, null, OrderDocument.StockHold.NONE, null, null, null, false, List.of(), null, null);
        return saga.start(draft);
    }

    private OrderDocument reload(OrderDocument o) {
        return store.find(o.id()).orElseThrow();
    }

    private static List<Message> outbox(OrderDocument o) {
        return o.outbox().stream().map(OutboxEntry::envelope).map(e -> MessageCodec.decode(e).payload()).toList();
    }

    private static List<Message> commands(OrderDocument o) {
        return outbox(o).stream().filter(m -> !(m instanceof OrderEvent)).toList();
    }

    private static List<String> announced(OrderDocument o) {
        return outbox(o).stream().filter(m -> m instanceof OrderEvent.OrderStatusChanged)
                .map(m -> ((OrderEvent.OrderStatusChanged) m).status()).toList();
    }

    private OrderDocument reserved(DeliveryMethod method) {
        OrderDocument o = placed(method);
        saga.on(new SagaReply.StockReserved(o.id()));
        return reload(o);
    }

    private OrderDocument confirmed(DeliveryMethod method) {
        OrderDocument o = reserved(method);
        saga.on(new SagaReply.WalletDebited(o.id(), o.customerId(), o.totalMinor(), "USD"));
        return reload(o);
    }

    @Test
    void aPlacedOrderIsPendingWithReserveStockInItsOutbox() {
        OrderDocument o = placed(DeliveryMethod.ADDRESS);
        assertThat(o.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(o.version()).isEqualTo(1);
        assertThat(commands(o)).containsExactly(new CatalogCommand.ReserveStock(o.id(), List.of(new CatalogCommand.Line("p1", 2))));
        assertThat(announced(o)).containsExactly("PENDING");
        assertThat(relayed).containsExactly(o.id());
    }

    @Test
    void stockReservedMovesToReservedAndDebitsTheWalletForTheTotal() {
        OrderDocument o = reserved(DeliveryMethod.ADDRESS);
        assertThat(o.status()).isEqualTo(OrderStatus.RESERVED);
        assertThat(o.version()).isEqualTo(2);
        assertThat(commands(o)).endsWith(new WalletCommand.DebitWallet(o.id(), o.customerId(), 1750, "USD"));
        assertThat(announced(o)).containsExactly("PENDING", "RESERVED");
    }

    @Test
    void walletDebitedConfirmsThroughPaidAndCommitsTheStock() {
        OrderDocument o = confirmed(DeliveryMethod.ADDRESS);
        assertThat(o.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(o.charged()).isTrue();
        assertThat(o.stock()).isEqualTo(OrderDocument.StockHold.COMMITTED);
        assertThat(o.stepDeadline()).isNull();
        assertThat(o.estimatedAssemblyAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(o.estimatedDeliveryAt()).isEqualTo(clock.instant().plus(Duration.ofHours(26)));
        assertThat(commands(o)).endsWith(new CatalogCommand.CommitStock(o.id()));
        assertThat(announced(o)).containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED");
        assertThat(o.statusHistory()).extracting(OrderDocument.StatusEntry::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.RESERVED, OrderStatus.PAID, OrderStatus.CONFIRMED);
        var versions = outbox(o).stream().filter(m -> m instanceof OrderEvent.OrderStatusChanged)
                .map(m -> ((OrderEvent.OrderStatusChanged) m).version()).toList();
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aConfirmedOrderIsCountedPlacedAndConfirmedWithTheTimeOfEachSagaStep() {
        OrderDocument o = placed(DeliveryMethod.ADDRESS);
        clock.advance(Duration.ofMillis(1200));
        saga.on(new SagaReply.StockReserved(o.id()));
        clock.advance(Duration.ofMillis(300));
        saga.on(new SagaReply.WalletDebited(o.id(), o.customerId(), o.totalMinor(), "USD"));
        saga.on(new SagaReply.WalletDebited(o.id(), o.customerId(), o.totalMinor(), "USD")); // a duplicate counts nothing
        assertThat(meters.get("shop.orders.placed").counter().count()).isEqualTo(1);
        assertThat(meters.get("shop.orders.confirmed").counter().count()).isEqualTo(1);
        var reserve = meters.get("shop.saga.step").tags("step", "reserve_stock", "outcome", "reserved").timer();
        var payment = meters.get("shop.saga.step").tags("step", "payment", "outcome", "confirmed").timer();
        assertThat(reserve.count()).isEqualTo(1);
        assertThat(reserve.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1200);
        assertThat(payment.count()).isEqualTo(1);
        assertThat(payment.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(300);
    }

    @Test
    void failedOrdersAreCountedByReason() {
        saga.on(new SagaReply.StockRejected(placed(DeliveryMethod.ADDRESS).id(), List.of(new SagaReply.Shortage("p1", 2, 1))));
        OrderDocument r = reserved(DeliveryMethod.ADDRESS);
        saga.on(new SagaReply.PaymentDeclined(r.id(), r.customerId(), SagaReply.DeclineReason.INSUFFICIENT_FUNDS));
        OrderDocument late = placed(DeliveryMethod.ADDRESS);
        clock.advance(Duration.ofSeconds(31));
        saga.onTimeout(late.id());
        saga.cancel(placed(DeliveryMethod.ADDRESS).id(), false, null);
        assertThat(meters.get("shop.orders.failed").tag("reason", "out_of_stock").counter().count()).isEqualTo(1);
        assertThat(meters.get("shop.orders.failed").tag("reason", "insufficient_funds").counter().count()).isEqualTo(1);
        assertThat(meters.get("shop.orders.failed").tag("reason", "stock_timeout").counter().count()).isEqualTo(1);
        assertThat(meters.get("shop.orders.failed").tag("reason", "other").counter().count()).isZero();
        assertThat(meters.get("shop.orders.cancelled").counter().count()).isEqualTo(1);
        assertThat(meters.get("shop.saga.step").tags("step", "reserve_stock", "outcome", "failed").timer().count()).isEqualTo(2);
        assertThat(meters.get("shop.saga.step").tags("step", "payment", "outcome", "failed").timer().count()).isEqualTo(1);
    }

    @Test
    void everyFailureTextOfTheSagaHasItsOwnReasonLabel() {
        assertThat(CheckoutMetrics.reasonOf("out of stock: Oolong (requested 2, available 1)")).isEqualTo(CheckoutMetrics.FailureReason.OUT_OF_STOCK);
        assertThat(CheckoutMetrics.reasonOf(CheckoutSaga.NO_WALLET)).isEqualTo(CheckoutMetrics.FailureReason.NO_WALLET);
        assertThat(CheckoutMetrics.reasonOf(CheckoutSaga.INVALID_AMOUNT)).isEqualTo(CheckoutMetrics.FailureReason.INVALID_AMOUNT);
        assertThat(CheckoutMetrics.reasonOf(CheckoutSaga.PAYMENT_DECLINED)).isEqualTo(CheckoutMetrics.FailureReason.PAYMENT_DECLINED);
        assertThat(CheckoutMetrics.reasonOf(CheckoutSaga.PAYMENT_TIMEOUT)).isEqualTo(CheckoutMetrics.FailureReason.PAYMENT_TIMEOUT);
        assertThat(CheckoutMetrics.reasonOf("something new")).isEqualTo(CheckoutMetrics.FailureReason.OTHER);
    }

    @Test
    void stockRejectedFailsTheOrderNamingTheProductAndSendsNothingElse() {
        OrderDocument o = placed(DeliveryMethod.ADDRESS);
        saga.on(new SagaReply.StockRejected(o.id(), List.of(new SagaReply.Shortage("p1", 2, 1))));
        o = reload(o);
        assertThat(o.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(o.failureReason()).contains("out of stock").contains("Oolong");
        assertThat(commands(o)).hasSize(1); // only the ReserveStock
        assertThat(announced(o)).containsExactly("PENDING", "FAILED");
        saga.on(new SagaReply.StockRejected(o.id(), List.of()));
        assertThat(unsold).as("the unsold hook runs once").containsExactly(o.id());
    }

    @Test
    void paymentDeclinedFailsTheOrderAndReleasesTheStock() {
        OrderDocument o = reserved(DeliveryMethod.ADDRESS);
        saga.on(new SagaReply.PaymentDeclined(o.id(), o.customerId(), SagaReply.DeclineReason.INSUFFICIENT_FUNDS));
        o = reload(o);
        assertThat(o.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(o.failureReason()).contains("insufficient funds");
        assertThat(commands(o)).endsWith(new CatalogCommand.ReleaseStock(o.id()));
        assertThat(o.charged()).isFalse();
    }

    @Test
    void duplicateAndOutOfOrderRepliesChangeNothing() {
        OrderDocument o = confirmed(DeliveryMethod.ADDRESS);
        long version = o.version();
        int outboxSize = o.outbox().size();
        saga.on(new SagaReply.StockReserved(o.id()));
        saga.on(new SagaReply.WalletDebited(o.id(), o.customerId(), o.totalMinor(), "USD"));
        saga.on(new SagaReply.PaymentDeclined(o.id(), o.customerId(), SagaReply.DeclineReason.INSUFFICIENT_FUNDS));
        saga.on(new SagaReply.StockRejected(o.id(), List.of()));
        o = reload(o);
        assertThat(o.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(o.version()).isEqualTo(version);
        assertThat(o.outbox()).hasSize(outboxSize);
    }

    @Test
    void aReplyForAnUnknownOrderIsIgnored() {
        saga.on(new SagaReply.StockReserved("no-such-order"));
        assertThat(store.find("no-such-order")).isEmpty();
    }

    @Test
    void aReservationWithoutReplyTimesOutAndIsReleased() {
        OrderDocument o = placed(DeliveryMethod.ADDRESS);
        saga.onTimeout(o.id());
        assertThat(reload(o).status()).as("not yet due").isEqualTo(OrderStatus.PENDING);
        clock.advance(Duration.ofSeconds(31));
        assertThat(store.overdue(clock.instant())).extracting(OrderDocument::id).contains(o.id());
        saga.onTimeout(o.id());
        o = reload(o);
        assertThat(o.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(o.failureReason()).contains("timed out");
        assertThat(commands(o)).endsWith(new CatalogCommand.ReleaseStock(o.id()));
        // The late reply finds a failed order and changes nothing.
        saga.on(new SagaReply.StockReserved(o.id()));
        assertThat(reload(o).status()).isEqualTo(OrderStatus.FAILED);
    }

    @Test
    void aPaymentWithoutReplyTimesOutWithRefundAndRelease() {
        OrderDocument o = reserved(DeliveryMethod.ADDRESS);
        clock.advance(Duration.ofSeconds(31));
        saga.onTimeout(o.id());
        o = reload(o);
        assertThat(o.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(commands(o)).endsWith(new WalletCommand.RefundWallet(o.id(), o.customerId()), new CatalogCommand.ReleaseStock(o.id()));
        saga.on(new SagaReply.WalletDebited(o.id(), o.customerId(), o.totalMinor(), "USD"));
        assertThat(reload(o).status()).isEqualTo(OrderStatus.FAILED);
        assertThat(store.overdue(clock.instant())).extracting(OrderDocument::id).doesNotContain(o.id());
    }

    @Test
    void cancellingAConfirmedOrderRefundsAndReturnsTheStock() {
        OrderDocument o = confirmed(DeliveryMethod.PICKUP);
        CheckoutSaga.Outcome outcome = saga.cancel(o.id(), false, "changed my mind");
        assertThat(outcome.refused()).isFalse();
        o = reload(o);
        assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(commands(o)).endsWith(new WalletCommand.RefundWallet(o.id(), o.customerId()), new CatalogCommand.ReturnStock(o.id()));
        assertThat(o.statusHistory().getLast().reason()).isEqualTo("changed my mind");
    }

    @Test
    void cancellingAPendingOrderReleasesTheReservationAndAReservedOneAlsoRefunds() {
        OrderDocument pending = placed(DeliveryMethod.ADDRESS);
        saga.cancel(pending.id(), false, null);
        assertThat(commands(reload(pending))).endsWith(new CatalogCommand.ReleaseStock(pending.id()));
        saga.on(new SagaReply.StockReserved(pending.id()));
        assertThat(reload(pending).status()).isEqualTo(OrderStatus.CANCELLED);

        OrderDocument reserved = reserved(DeliveryMethod.ADDRESS);
        saga.cancel(reserved.id(), false, null);
        assertThat(commands(reload(reserved))).endsWith(new WalletCommand.RefundWallet(reserved.id(), reserved.customerId()),
                new CatalogCommand.ReleaseStock(reserved.id()));
    }

    @Test
    void theOwnerCannotCancelOutForDeliveryButTheAdminCanAndNobodyAfterDelivery() {
        OrderDocument o = confirmed(DeliveryMethod.ADDRESS);
        assertThat(saga.advance(o.id(), OrderStatus.OUT_FOR_DELIVERY).refused()).isFalse();
        CheckoutSaga.Outcome byOwner = saga.cancel(o.id(), false, null);
        assertThat(byOwner.errorCode()).isEqualTo("ORDER_NOT_CANCELLABLE");
        assertThat(reload(o).status()).isEqualTo(OrderStatus.OUT_FOR_DELIVERY);
        assertThat(saga.cancel(o.id(), true, null).refused()).isFalse();
        assertThat(reload(o).status()).isEqualTo(OrderStatus.CANCELLED);

        OrderDocument d = confirmed(DeliveryMethod.ADDRESS);
        saga.advance(d.id(), OrderStatus.OUT_FOR_DELIVERY);
        saga.advance(d.id(), OrderStatus.DELIVERED);
        assertThat(saga.cancel(d.id(), true, null).errorCode()).isEqualTo("ORDER_NOT_CANCELLABLE");
    }

    @Test
    void advancingFollowsTheTransitionTableForEachDeliveryMethod() {
        OrderDocument address = confirmed(DeliveryMethod.ADDRESS);
        assertThat(saga.advance(address.id(), OrderStatus.READY_FOR_PICKUP).errorCode()).isEqualTo("INVALID_TRANSITION");
        assertThat(saga.advance(address.id(), OrderStatus.DELIVERED).errorCode()).isEqualTo("INVALID_TRANSITION");
        assertThat(saga.advance(address.id(), OrderStatus.ASSEMBLING).refused()).isFalse();
        assertThat(saga.advance(address.id(), OrderStatus.OUT_FOR_DELIVERY).refused()).isFalse();
        assertThat(saga.advance(address.id(), OrderStatus.DELIVERED).refused()).isFalse();
        assertThat(saga.advance(address.id(), OrderStatus.ASSEMBLING).errorCode()).isEqualTo("INVALID_TRANSITION");
        assertThat(reload(address).status()).isEqualTo(OrderStatus.DELIVERED);

        OrderDocument pickup = confirmed(DeliveryMethod.PICKUP);
        assertThat(saga.advance(pickup.id(), OrderStatus.OUT_FOR_DELIVERY).errorCode()).isEqualTo("INVALID_TRANSITION");
        assertThat(saga.advance(pickup.id(), OrderStatus.READY_FOR_PICKUP).refused()).isFalse();
        assertThat(saga.advance(pickup.id(), OrderStatus.PICKED_UP).refused()).isFalse();
        assertThat(announced(reload(pickup))).endsWith("CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP");

        OrderDocument pending = placed(DeliveryMethod.ADDRESS);
        assertThat(saga.advance(pending.id(), OrderStatus.ASSEMBLING).errorCode()).isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void aConcurrentChangeMakesTheLoserDecideAgainFromTheNewState() {
        OrderDocument o = placed(DeliveryMethod.ADDRESS);
        // The cancel lands between the saga's read and its write: the saga re-reads, sees CANCELLED, does nothing.
        AtomicReference<Boolean> interfered = new AtomicReference<>(false);
        Optional<OrderDocument> result = saga.decide(o.id(), current -> {
            if (!interfered.getAndSet(true)) saga.cancel(o.id(), false, "raced");
            return current.status() == OrderStatus.PENDING
                    ? Optional.of(com.shopbff.orders.order.Transition.to(OrderStatus.RESERVED)) : Optional.empty();
        });
        assertThat(result).isEmpty();
        assertThat(reload(o).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) { this.now = now; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
