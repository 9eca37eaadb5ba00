package com.shopbff.wallet.payout;

import com.shopbff.support.money.MoneyFormat;
import com.shopbff.wallet.ledger.OpKind;
import com.shopbff.wallet.payment.PaymentProvider;
import com.shopbff.wallet.payment.PaymentResult;
import com.shopbff.wallet.payment.PayoutRequest;
import com.shopbff.wallet.wallet.OperationOutcome;
import com.shopbff.wallet.wallet.OperationPlan;
import com.shopbff.wallet.wallet.WalletOperations;
import com.shopbff.wallet.wallet.WalletRepository;
import com.shopbff.wallet.wallet.WalletState;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Pays out what is left in a wallet closed by erasure, to the customer's payment method of record
 * ({@link PaymentProvider#payout}), and records it as a PAYOUT ledger entry (decision 0020). Money can still arrive
 * after the close (refunds of orders the erasure cancelled), so a payout is due whenever a closed wallet holds money:
 * tried at the close, after each credit to a closed wallet, and by a sweep every minute.
 * <p>
 * Exactly once: the attempt (its idempotency key {@code payout:<customer>:<n>} and amount) is written into the wallet
 * document ({@code payout.inFlight}) before the provider is called, so a crash or a second instance resumes the same
 * attempt with the same key (the provider pays a key once) and the ledger entry carries the key as its id (recorded
 * once). A declined or failed payout leaves the money in the wallet, shown to ADMIN as owed ({@code closedWallets}),
 * retried with back-off (1 min doubling, at most hourly); an administrator can also settle it by hand
 * ({@code adjustWallet}).
 */
@Service
public class WalletPayouts {
    private static final Logger log = LoggerFactory.getLogger(WalletPayouts.class);
    private static final Duration RESUME_AFTER = Duration.ofMinutes(1);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration MAX_RETRY = Duration.ofHours(1);

    private final MongoTemplate mongo;
    private final WalletRepository wallets;
    private final WalletOperations operations;
    private final PaymentProvider provider;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("wallet-payouts").unstarted(r));

    public WalletPayouts(MongoTemplate mongo, WalletRepository wallets, WalletOperations operations, PaymentProvider provider, Clock clock) {
        this.mongo = mongo;
        this.wallets = wallets;
        this.operations = operations;
        this.provider = provider;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }

    /** What a payout attempt came to, for the erasure's audit line. */
    public record Result(long paidMinor, long owedMinor, String error) {}

    /** Pays out now what the closed wallet holds (nothing when it is open or empty). */
    public Result payoutIfDue(String customerId) {
        Optional<WalletState> found = wallets.find(customerId);
        if (found.isEmpty() || !found.get().closed()) return new Result(0, 0, null);
        Document doc = raw(customerId);
        Document payout = doc == null ? null : doc.get("payout", Document.class);
        Document inFlight = payout == null ? null : payout.get("inFlight", Document.class);
        WalletState w = found.get();
        Instant now = clock.instant();
        String key;
        long amount;
        int attempt;
        if (inFlight != null) {
            if (inFlight.getDate("startedAt").toInstant().plus(RESUME_AFTER).isAfter(now)) return new Result(0, w.balanceMinor(), null);
            key = inFlight.getString("key");
            amount = ((Number) inFlight.get("amountMinor")).longValue();
            attempt = inFlight.getInteger("attempt");
        } else {
            if (w.balanceMinor() <= 0) return new Result(0, 0, null);
            Date next = payout == null ? null : payout.getDate("nextAttemptAt");
            if (next != null && next.toInstant().isAfter(now)) return new Result(0, w.balanceMinor(), payout.getString("lastError"));
            attempt = (payout == null ? 0 : payout.getInteger("attempts", 0)) + 1;
            key = "payout:" + customerId + ":" + attempt;
            amount = w.balanceMinor();
            // claim the attempt: only one instance (and one thread) pays it
            boolean claimed = mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId).and("payout.inFlight").exists(false)
                            .and("seq").is(w.seq())),
                    new Update().set("payout.inFlight", new Document("key", key).append("amountMinor", amount).append("attempt", attempt)
                            .append("startedAt", Date.from(now))).set("payout.attempts", attempt), WalletRepository.COLLECTION)
                    .getModifiedCount() == 1;
            if (!claimed) return new Result(0, w.balanceMinor(), null);
        }
        PaymentResult paid;
        try {
            paid = provider.payout(new PayoutRequest(customerId, amount, w.currency(), key));
        } catch (RuntimeException e) {
            paid = new PaymentResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return switch (paid) {
            case PaymentResult.Approved a -> record(customerId, key, amount, a.reference(), attempt);
            case PaymentResult.Declined d -> unpaid(customerId, key, amount, attempt, "declined: " + d.reason());
            case PaymentResult.Failed f -> unpaid(customerId, key, amount, attempt, "failed: " + f.message());
        };
    }

    /** Queues a payout check off the caller's thread (after money came into a closed wallet). */
    public void payoutSoon(String customerId) {
        try {
            background.execute(() -> {
                try {
                    payoutIfDue(customerId);
                } catch (RuntimeException e) {
                    log.warn("payout of wallet {} failed, the sweep retries: {}", customerId, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // the sweep of another instance, or of the next start, will pay it
        }
    }

    /** Closed wallets that hold money or have a payout in flight. */
    @Scheduled(initialDelayString = "${shop.wallet.payout-sweep-interval-ms:60000}", fixedDelayString = "${shop.wallet.payout-sweep-interval-ms:60000}")
    public void sweep() {
        try {
            Query due = Query.query(Criteria.where("closed").is(true).orOperator(Criteria.where("balance").gt(0),
                    Criteria.where("payout.inFlight").exists(true)));
            due.fields().include("_id");
            for (Document d : mongo.find(due, Document.class, WalletRepository.COLLECTION)) {
                try {
                    payoutIfDue(d.getString("_id"));
                } catch (RuntimeException e) {
                    log.warn("payout of wallet {} failed, will retry: {}", d.getString("_id"), e.toString());
                }
            }
        } catch (RuntimeException e) {
            log.warn("payout sweep failed, will retry: {}", e.getMessage());
        }
    }

    private Result record(String customerId, String key, long amount, String reference, int attempt) {
        WalletState w = wallets.find(customerId).orElseThrow();
        OperationOutcome outcome = operations.execute(w, key, null, (state, none) -> state.balanceMinor() < amount
                ? new OperationPlan.Refuse("BALANCE_CHANGED", "the balance fell below the amount paid out")
                : OperationPlan.record(OpKind.PAYOUT, -amount, amount, null, "paid out to the payment method of record, " + reference));
        Update done = new Update().unset("payout.inFlight").set("payout.lastAttemptAt", Date.from(clock.instant())).unset("payout.nextAttemptAt");
        if (outcome instanceof OperationOutcome.Refused r) {
            // paid, but an adjustment took the money meanwhile: nothing is lost (the provider paid once), but the books need a look
            log.error("payout {} of {} was paid but could not be recorded: {}; reconcile wallet {} by hand", key,
                    MoneyFormat.format(amount), r.message(), customerId);
            done.set("payout.lastError", "paid " + MoneyFormat.format(amount) + " (" + reference + ") but not recorded: " + r.message());
        } else {
            done.unset("payout.lastError");
            if (outcome instanceof OperationOutcome.Applied) done.inc("payout.paidOutMinor", amount);
            log.info("wallet {} closed by erasure: {} paid out ({})", customerId, MoneyFormat.format(amount), reference);
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId).and("payout.inFlight.key").is(key)), done, WalletRepository.COLLECTION);
        return new Result(amount, wallets.find(customerId).map(WalletState::balanceMinor).orElse(0L), null);
    }

    private Result unpaid(String customerId, String key, long amount, int attempt, String error) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 10));
        if (wait.compareTo(MAX_RETRY) > 0) wait = MAX_RETRY;
        Instant now = clock.instant();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId).and("payout.inFlight.key").is(key)),
                new Update().unset("payout.inFlight").set("payout.lastError", error).set("payout.lastAttemptAt", Date.from(now))
                        .set("payout.nextAttemptAt", Date.from(now.plus(wait))), WalletRepository.COLLECTION);
        log.warn("payout of {} from closed wallet {} {}; retrying in {}", MoneyFormat.format(amount), customerId, error, wait);
        return new Result(0, amount, error);
    }

    private Document raw(String customerId) {
        return mongo.findById(customerId, Document.class, WalletRepository.COLLECTION);
    }
}
