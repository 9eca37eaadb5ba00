package com.shopbff.wallet;

import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.SagaReply;
import com.shopbff.contracts.Topics;
import com.shopbff.contracts.WalletCommand;
import com.shopbff.contracts.WalletEvent;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.testing.TestTokens;
import com.shopbff.wallet.audit.WalletAuditService;
import com.shopbff.wallet.ledger.LedgerRepository;
import com.shopbff.wallet.ledger.Op;
import com.shopbff.wallet.ledger.OpKind;
import com.shopbff.wallet.saga.PaymentService;
import com.shopbff.wallet.wallet.OperationOutcome;
import com.shopbff.wallet.wallet.WalletOperations;
import com.shopbff.wallet.wallet.WalletRepository;
import com.shopbff.wallet.wallet.WalletService;
import com.shopbff.wallet.wallet.WalletState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The wallet as a participant of the order saga, over the real Kafka broker, and its money invariants. */
class WalletSagaTest extends WalletIntegrationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired MessagePublisher publisher;
    @Autowired PaymentService payments;
    @Autowired WalletService walletService;
    @Autowired WalletOperations operations;
    @Autowired WalletRepository walletRepository;
    @Autowired LedgerRepository ledger;
    @Autowired WalletAuditService audit;
    @Autowired MongoTemplate mongo;

    private final KafkaProbe probe = KafkaProbe.shared();

    private void send(Message command) {
        publisher.publishAndWait(command instanceof CustomerEvent ? Topics.CUSTOMER_EVENTS : Topics.WALLET_COMMANDS, command, 10_000);
    }

    private List<Envelope<Message>> repliesFor(String orderId) {
        return probe.matching(m -> m instanceof SagaReply r && r.orderId().equals(orderId));
    }

    private long ledgerSum(String walletId) {
        return ledger.sums(List.of(walletId)).getOrDefault(walletId, 0L);
    }

    private void assertBalanceAgreesWithLedger(String walletId) {
        WalletAuditService.Report report = audit.audit(List.of(walletId));
        assertThat(report.walletsChecked()).isEqualTo(1);
        assertThat(report.mismatches()).isEmpty();
    }

    @Test
    void aDebitIsRepliedToAndAnnouncedAndARefundGivesBackExactlyWhatWasCharged() throws Exception {
        String kim = freshId("kim");
        String order = freshId("order");
        topUp(kim, "20.00", freshId("k"));

        send(new WalletCommand.DebitWallet(order, kim, 750, "USD"));
        await().atMost(PATIENCE).until(() -> !repliesFor(order).isEmpty());
        assertThat(repliesFor(order).getFirst().payload()).isEqualTo(new SagaReply.WalletDebited(order, kim, 750, "USD"));
        await().atMost(PATIENCE).until(() -> !probe.payloads(WalletEvent.WalletCharged.class, e -> e.orderId().equals(order)).isEmpty());
        assertThat(probe.payloads(WalletEvent.WalletCharged.class, e -> e.orderId().equals(order)))
                .containsExactly(new WalletEvent.WalletCharged(kim, order, 750, 1250, "USD"));
        assertThat(balance(kim)).isEqualTo("12.50");

        send(new WalletCommand.RefundWallet(order, kim));
        await().atMost(PATIENCE).until(() -> repliesFor(order).size() >= 2);
        assertThat(repliesFor(order).get(1).payload()).isEqualTo(new SagaReply.WalletRefunded(order, kim, 750, "USD"));
        await().atMost(PATIENCE).until(() -> !probe.payloads(WalletEvent.WalletCredited.class, e -> e.orderId().equals(order)).isEmpty());
        assertThat(balance(kim)).isEqualTo("20.00");
        await().atMost(PATIENCE).until(() -> !probe.payloads(WalletEvent.WalletToppedUp.class, e -> e.customerId().equals(kim)).isEmpty());
        assertThat(probe.payloads(WalletEvent.WalletToppedUp.class, e -> e.customerId().equals(kim)))
                .containsExactly(new WalletEvent.WalletToppedUp(kim, 2000, 2000, "USD"));

        List<String> kinds = gql(TestTokens.customer(kim), "{ myWallet { transactions { edges { node { kind orderId amount { amount } } } } } }")
                .read("$.data.myWallet.transactions.edges[*].node.kind");
        assertThat(kinds).containsExactly("REFUND", "PAYMENT", "TOP_UP");
        assertBalanceAgreesWithLedger(kim);
    }

    @Test
    void aDebitBeyondTheBalanceIsDeclinedAndLeavesTheLedgerAlone() throws Exception {
        String leo = freshId("leo");
        String order = freshId("order");
        topUp(leo, "5.00", freshId("k"));
        send(new WalletCommand.DebitWallet(order, leo, 501, "USD"));
        await().atMost(PATIENCE).until(() -> !repliesFor(order).isEmpty());
        assertThat(repliesFor(order).getFirst().payload())
                .isEqualTo(new SagaReply.PaymentDeclined(order, leo, SagaReply.DeclineReason.INSUFFICIENT_FUNDS));
        assertThat(balance(leo)).isEqualTo("5.00");
        assertThat(transactionCount(leo)).isEqualTo(1);

        String wrongCurrency = freshId("order");
        send(new WalletCommand.DebitWallet(wrongCurrency, leo, 100, "EUR"));
        await().atMost(PATIENCE).until(() -> !repliesFor(wrongCurrency).isEmpty());
        assertThat(repliesFor(wrongCurrency).getFirst().payload())
                .isEqualTo(new SagaReply.PaymentDeclined(wrongCurrency, leo, SagaReply.DeclineReason.INVALID_AMOUNT));
        assertThat(balance(leo)).isEqualTo("5.00");
    }

    @Test
    void aCommandDeliveredManyTimesInABurstGetsItsReplyEveryTimeAndChargesOnce() throws Exception {
        String nia = freshId("nia");
        String order = freshId("order");
        topUp(nia, "10.00", freshId("k"));
        // Redeliveries arrive while the first reply may still wait in the wallet's outbox for its relay.
        int deliveries = 25;
        for (int i = 0; i < deliveries; i++) send(new WalletCommand.DebitWallet(order, nia, 400, "USD"));

        await().atMost(PATIENCE).until(() -> repliesFor(order).size() >= deliveries);
        assertThat(distinct(repliesFor(order))).containsExactly(new SagaReply.WalletDebited(order, nia, 400, "USD"));
        assertThat(repliesFor(order).stream().map(Envelope::eventId).distinct().count()).isEqualTo(1);
        assertThat(balance(nia)).isEqualTo("6.00");
        assertBalanceAgreesWithLedger(nia);
    }

    @Test
    void everyCommandDeliveredTwiceAndOutOfOrderActsOnce() throws Exception {
        String mia = freshId("mia");
        topUp(mia, "50.00", freshId("k"));
        String cancelledEarly = freshId("early");   // refund overtakes the debit
        String cancelled = freshId("cancelled");    // debit, refund, then stragglers
        String paid = freshId("paid");              // debit only

        List<Message> deliveries = List.of(
                new WalletCommand.RefundWallet(cancelledEarly, mia),
                new WalletCommand.DebitWallet(cancelled, mia, 1000, "USD"),
                new WalletCommand.DebitWallet(cancelledEarly, mia, 700, "USD"),
                new WalletCommand.DebitWallet(paid, mia, 1500, "USD"),
                new WalletCommand.RefundWallet(cancelled, mia),
                new WalletCommand.DebitWallet(cancelled, mia, 1000, "USD"),
                new WalletCommand.RefundWallet(cancelledEarly, mia),
                new WalletCommand.DebitWallet(paid, mia, 1500, "USD"),
                new WalletCommand.RefundWallet(cancelled, mia),
                new WalletCommand.DebitWallet(cancelledEarly, mia, 700, "USD"));
        for (Message m : deliveries) send(m);

        // One reply per delivery, and a redelivery's reply is the first reply again (same event id, same content).
        await().atMost(PATIENCE).until(() -> repliesFor(cancelledEarly).size() >= 4 && repliesFor(cancelled).size() >= 4
                && repliesFor(paid).size() >= 2);
        assertThat(distinct(repliesFor(cancelledEarly))).containsExactlyInAnyOrder(
                new SagaReply.WalletRefunded(cancelledEarly, mia, 0, "USD"),
                new SagaReply.PaymentDeclined(cancelledEarly, mia, SagaReply.DeclineReason.INVALID_AMOUNT));
        assertThat(distinct(repliesFor(cancelled))).containsExactlyInAnyOrder(
                new SagaReply.WalletDebited(cancelled, mia, 1000, "USD"),
                new SagaReply.WalletRefunded(cancelled, mia, 1000, "USD"));
        assertThat(distinct(repliesFor(paid))).containsExactly(new SagaReply.WalletDebited(paid, mia, 1500, "USD"));
        for (String order : List.of(cancelledEarly, cancelled, paid)) {
            List<Envelope<Message>> replies = repliesFor(order);
            assertThat(replies.stream().map(Envelope::eventId).distinct().count())
                    .as("replies of %s carry one event id per distinct reply", order)
                    .isEqualTo(replies.stream().map(Envelope::payload).distinct().count());
        }

        // As if each command had come once, in order: 50.00 - 15.00 (paid) - 10.00 + 10.00 (cancelled) = 35.00.
        assertThat(balance(mia)).isEqualTo("35.00");
        List<String> amounts = gql(TestTokens.customer(mia), "{ myWallet { transactions { edges { node { kind orderId amount { amount } } } } } }")
                .read("$.data.myWallet.transactions.edges[*].node.amount.amount");
        assertThat(amounts).containsExactlyInAnyOrder("50.00", "-10.00", "-15.00", "10.00");
        assertThat(ledgerSum(mia)).isEqualTo(3500);
        assertBalanceAgreesWithLedger(mia);
    }

    private static List<Message> distinct(List<Envelope<Message>> replies) {
        return replies.stream().map(Envelope::payload).distinct().toList();
    }

    @Test
    void hundredConcurrentDebitsOfOneAgainstFiftyPayExactlyFifty() throws Exception {
        String ned = freshId("ned");
        topUp(ned, "50.00", freshId("k"));
        int debits = 100;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<OperationOutcome>> outcomes = new ArrayList<>();
        long began;
        double conflictsBefore = operations.conflictCount();
        try (ExecutorService pool = Executors.newFixedThreadPool(debits)) {
            for (int i = 0; i < debits; i++) {
                String order = ned + "-order-" + i;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return payments.debit(new WalletCommand.DebitWallet(order, ned, 100, "USD"));
                }));
            }
            began = System.nanoTime();
            start.countDown();
        }
        long tookMs = (System.nanoTime() - began) / 1_000_000;
        List<Op> applied = new ArrayList<>();
        for (Future<OperationOutcome> f : outcomes) applied.add(((OperationOutcome.Applied) f.get()).op());
        Map<Boolean, Long> byCharged = applied.stream().collect(Collectors.partitioningBy(Op::movesMoney, Collectors.counting()));
        System.out.printf("[figure] 100 concurrent debits on one wallet: %d ms, %d charged, %d declined, %.0f lost compare-and-sets%n",
                tookMs, byCharged.get(true), byCharged.get(false), operations.conflictCount() - conflictsBefore);

        assertThat(byCharged.get(true)).isEqualTo(50);
        assertThat(applied.stream().filter(op -> !op.movesMoney()).map(Op::declineReason)).containsOnly("INSUFFICIENT_FUNDS").hasSize(50);
        assertThat(applied.stream().map(Op::seq).distinct()).hasSize(100);
        assertThat(walletRepository.find(ned).orElseThrow().balanceMinor()).isZero();
        assertThat(ledgerSum(ned)).isZero();
        assertThat(transactionCount(ned)).isEqualTo(51);
        assertBalanceAgreesWithLedger(ned);
    }

    @Test
    void concurrentDuplicateDebitsAndRacingRefundsNeverMoveMoneyTwice() throws Exception {
        String quinn = freshId("quinn");
        topUp(quinn, "100.00", freshId("k"));
        int orders = 20;
        List<Callable<OperationOutcome>> tasks = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String order = quinn + "-order-" + i;
            for (int copy = 0; copy < 3; copy++) {
                tasks.add(() -> payments.debit(new WalletCommand.DebitWallet(order, quinn, 100, "USD")));
                tasks.add(() -> payments.refund(new WalletCommand.RefundWallet(order, quinn)));
            }
        }
        java.util.Collections.shuffle(tasks, new java.util.Random(7));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<OperationOutcome>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (Callable<OperationOutcome> task : tasks) outcomes.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
            start.countDown();
        }
        List<Op> applied = new ArrayList<>();
        for (Future<OperationOutcome> f : outcomes) {
            if (f.get() instanceof OperationOutcome.Applied a) applied.add(a.op());
        }
        // Each order: one payment decision and one refund decision, and the refund gives back exactly the charge.
        assertThat(applied).hasSize(2 * orders);
        for (int i = 0; i < orders; i++) {
            String order = quinn + "-order-" + i;
            List<Op> ofOrder = applied.stream().filter(op -> order.equals(op.orderId())).toList();
            Op payment = ofOrder.stream().filter(op -> op.kind() == OpKind.PAYMENT).findFirst().orElseThrow();
            Op refund = ofOrder.stream().filter(op -> op.kind() == OpKind.REFUND).findFirst().orElseThrow();
            assertThat(refund.amountMinor()).as(order).isEqualTo(-payment.amountMinor());
        }
        assertThat(walletRepository.find(quinn).orElseThrow().balanceMinor()).isEqualTo(10_000);
        assertThat(ledgerSum(quinn)).isEqualTo(10_000);
        assertBalanceAgreesWithLedger(quinn);
    }

    @Test
    void aWriteDecidedOnABalanceThatIsNoLongerThereLosesItsCompareAndSetEvenWithTheSameSeq() throws Exception {
        String uma = freshId("uma");
        topUp(uma, "20.00", freshId("k"));
        WalletState read = walletRepository.find(uma).orElseThrow();
        // What a torn read looks like: this wallet's seq, but a balance it no longer has.
        WalletState stale = new WalletState(read.id(), read.currency(), read.balanceMinor() + 1_000, read.seq(), read.entries(),
                read.trimEpoch(), read.recent(), read.closed(), read.openedAt());
        Op debit = new Op("debit:" + uma + ":stale", uma, read.seq() + 1, read.entries() + 1, OpKind.PAYMENT, -1_000, 1_000,
                stale.balanceMinor() - 1_000, "USD", "order-stale", null, null, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        assertThat(walletRepository.apply(stale, debit, List.of())).isFalse();
        assertThat(walletRepository.find(uma).orElseThrow().balanceMinor()).isEqualTo(2_000);
        assertThat(walletRepository.find(uma).orElseThrow().seq()).isEqualTo(read.seq());
    }

    @Test
    void anOperationACrashLeftOnlyInTheWalletDocumentReachesTheLedgerAndKafka() {
        String olga = freshId("olga");
        WalletState wallet = walletService.open(olga);
        // What a crash right after the wallet update leaves: balance, recent operation and outbox, no ledger entry.
        Op op = new Op("topup:" + olga + ":crash", olga, 1, 1, OpKind.TOP_UP, 900, 900, 900, "USD", null, "crash test",
                null, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        var event = com.shopbff.support.messaging.OutboxEntry.of(Topics.WALLET_EVENTS, new WalletEvent.WalletToppedUp(olga, 900, 900, "USD"));
        assertThat(walletRepository.apply(wallet, op, List.of(event))).isTrue();

        operations.sweep();
        assertThat(ledger.findByIds(List.of(op.id()))).containsKey(op.id());
        assertThat(ledgerSum(olga)).isEqualTo(900);
        await().atMost(PATIENCE).until(() -> !probe.payloads(WalletEvent.WalletToppedUp.class, e -> e.customerId().equals(olga)).isEmpty());
        await().atMost(PATIENCE).until(() -> mongo.findById(olga, Document.class, WalletRepository.COLLECTION)
                .getList("outbox", Document.class).isEmpty());
        assertBalanceAgreesWithLedger(olga);
    }

    @Test
    void customerEventsOpenTheWalletAndDeletionClosesItAndErasesFreeText() throws Exception {
        String pia = freshId("pia");
        send(new CustomerEvent.CustomerRegistered(pia, pia + "@example.com", "Pia"));
        await().atMost(PATIENCE).until(() -> walletRepository.find(pia).isPresent());
        assertThat(walletRepository.find(pia).orElseThrow().balanceMinor()).isZero();

        walletService.adjust(pia, "3.00", "apology to Pia Example for the broken teapot", null, "admin-1");
        send(new CustomerEvent.CustomerDeleted(pia));
        await().atMost(PATIENCE).until(() -> walletRepository.find(pia).orElseThrow().closed());
        await().atMost(PATIENCE).until(() -> ledger.entries(List.of(new LedgerRepository.Range(pia, 1, 100))).stream()
                .filter(op -> op.kind() == com.shopbff.wallet.ledger.OpKind.ADJUSTMENT).allMatch(op -> LedgerRepository.ERASED.equals(op.reason())));
        assertThat(mongo.findById(pia, Document.class, WalletRepository.COLLECTION).toJson()).doesNotContain("teapot");
        assertThat(mongo.find(Query.query(Criteria.where("walletId").is(pia)), Document.class, "ledger").toString()).doesNotContain("teapot");

        assertThat((String) topUp(pia, "5.00", freshId("k")).read("$.data.topUpWallet.userErrors[0].code")).isEqualTo("WALLET_CLOSED");
        String order = freshId("order");
        send(new WalletCommand.DebitWallet(order, pia, 100, "USD"));
        await().atMost(PATIENCE).until(() -> !repliesFor(order).isEmpty());
        assertThat(repliesFor(order).getFirst().payload())
                .isEqualTo(new SagaReply.PaymentDeclined(order, pia, SagaReply.DeclineReason.WALLET_NOT_FOUND));
        assertBalanceAgreesWithLedger(pia);
    }
}
