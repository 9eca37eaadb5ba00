package com.shopbff.wallet.wallet;

import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import com.shopbff.wallet.ledger.LedgerRepository;
import com.shopbff.wallet.ledger.Op;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * Applies wallet operations exactly once without multi-document transactions (docs/decisions/0003-wallet-ledger.md).
 * <ol>
 *   <li>Read the wallet. Look the operation up in the wallet's {@code recent} list, then in the ledger; the ledger
 *       is looked at again only after {@code trimEpoch} moved, because an operation leaves {@code recent} only after
 *       it was written to the ledger and leaving bumps the epoch.</li>
 *   <li>Decide against that exact state (balance, closed, the related operation).</li>
 *   <li>One compare-and-set update on {@code seq}: balance, {@code seq + 1}, the operation into {@code recent},
 *       its messages into {@code outbox}. Losing the race means something changed: read again.</li>
 *   <li>Write the operation to the ledger (idempotent by id), trim {@code recent} now and then, relay the outbox.
 *       A crash after step 3 loses nothing: {@link #sweep()} writes what is missing and the relay sends it.</li>
 * </ol>
 */
@Service
public class WalletOperations {
    private static final Logger log = LoggerFactory.getLogger(WalletOperations.class);
    /** Operations kept in {@code recent} before a trim; small keeps the document small, larger means fewer epoch bumps. */
    static final int TRIM_AT = 16;
    private static final int MAX_ATTEMPTS = 10_000;
    private static final long RESEND_TIMEOUT_MS = 10_000;

    private final WalletRepository wallets;
    private final LedgerRepository ledger;
    private final OutboxRelay relay;
    private final MessagePublisher publisher;
    /** Compare-and-set attempts lost to a concurrent operation on the same wallet (exported to Prometheus). */
    private final io.micrometer.core.instrument.Counter conflicts;

    public WalletOperations(WalletRepository wallets, LedgerRepository ledger, @Qualifier("walletOutboxRelay") OutboxRelay relay,
                            MessagePublisher publisher, io.micrometer.core.instrument.MeterRegistry meters) {
        this.conflicts = meters.counter("wallet.operation.conflicts");
        this.wallets = wallets;
        this.ledger = ledger;
        this.relay = relay;
        this.publisher = publisher;
    }

    /**
     * @param wallet      the wallet as first read (opened already when the caller opens on first use)
     * @param opId        the idempotency id of the operation
     * @param relatedOpId another operation the decision depends on (the payment a refund returns), or null
     * @param planner     decides against the wallet and the related operation (null when absent)
     */
    public OperationOutcome execute(WalletState wallet, String opId, String relatedOpId,
                                    BiFunction<WalletState, Op, OperationPlan> planner) {
        List<String> ids = relatedOpId == null ? List.of(opId) : List.of(opId, relatedOpId);
        Long checkedEpoch = null;
        Map<String, Op> materialised = Map.of();
        WalletState w = wallet;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                conflicts.increment();
                backoff(attempt);
                w = wallets.find(w.id()).orElseThrow();
            }
            if (checkedEpoch == null || checkedEpoch != w.trimEpoch()) {
                materialised = ledger.findByIds(ids);
                checkedEpoch = w.trimEpoch();
            }
            Op existing = lookup(w, materialised, opId);
            if (existing != null) return new OperationOutcome.Duplicate(existing);
            Op related = relatedOpId == null ? null : lookup(w, materialised, relatedOpId);

            OperationPlan plan = planner.apply(w, related);
            if (plan instanceof OperationPlan.Refuse r) return new OperationOutcome.Refused(r.code(), r.message());
            OperationPlan.Record rec = (OperationPlan.Record) plan;
            long after = Math.addExact(w.balanceMinor(), rec.amountMinor());
            if (after < 0) throw new IllegalStateException("planner for " + opId + " would overdraw the wallet");
            long entryNo = rec.amountMinor() == 0 ? 0 : w.entries() + 1;
            Op op = new Op(opId, w.id(), w.seq() + 1, entryNo, rec.kind(), rec.amountMinor(), rec.requestedMinor(), after,
                    w.currency(), rec.orderId(), rec.reason(), rec.declineReason(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
            if (wallets.apply(w, op, WalletMessages.forNewOp(op))) {
                afterApply(w, op);
                return new OperationOutcome.Applied(op);
            }
        }
        throw new IllegalStateException("wallet " + w.id() + " too busy to apply " + opId);
    }

    public double conflictCount() {
        return conflicts.count();
    }

    /**
     * Re-sends the saga reply of an operation applied before (a redelivered command), straight to the broker and
     * waiting for it: the reply is derived from the recorded operation (same event id, same content), so it needs no
     * outbox, and a failed send fails the command's delivery, which is then redelivered. Not through the outbox
     * because the copy would carry the event id of the first reply: a relay sending that first reply pulls by event
     * id and would remove the copy unsent.
     */
    public void resendReply(Op op) {
        WalletMessages.replyFor(op).ifPresent(reply -> publisher.publishRawAndWait(reply.topic(), reply.key(),
                reply.envelope().getBytes(StandardCharsets.UTF_8), RESEND_TIMEOUT_MS));
    }

    /** Finds an operation wherever it is (recent or ledger), for read paths. */
    public Op find(WalletState w, String opId) {
        return w.recentOp(opId).orElseGet(() -> ledger.findByIds(List.of(opId)).get(opId));
    }

    /** Writes every operation still only in a wallet document to the ledger and trims; returns how many wallets. */
    public int sweep() {
        List<WalletState> pending = wallets.withRecentOps();
        for (WalletState w : pending) {
            try {
                materialiseAndTrim(w, w.recent());
            } catch (RuntimeException e) {
                log.warn("ledger sweep of wallet {} failed, will retry: {}", w.id(), e.getMessage());
            }
        }
        return pending.size();
    }

    /** Makes sure a wallet's ledger holds everything its balance includes (read paths call it before reading the ledger). */
    public void materialise(WalletState w) {
        ledger.materialise(w.recent());
    }

    /** Writes the wallet's pending operations to the ledger and drops them from the wallet document. */
    public void flush(WalletState w) {
        materialiseAndTrim(w, w.recent());
    }

    private void afterApply(WalletState before, Op op) {
        try {
            ledger.materialise(List.of(op));
            if (before.recent().size() + 1 >= TRIM_AT) {
                List<Op> all = new ArrayList<>(before.recent());
                all.add(op);
                materialiseAndTrim(before, all);
            }
        } catch (RuntimeException e) {
            // Applied and safe in the wallet document; the sweep writes the ledger entry.
            log.warn("ledger write of {} deferred to the sweep: {}", op.id(), e.getMessage());
        }
        relayQuietly(op.walletId());
    }

    private void materialiseAndTrim(WalletState w, List<Op> ops) {
        if (ops.isEmpty()) return;
        ledger.materialise(ops);
        // Every operation up to the last one here is now in the ledger ({@code recent} is a suffix of the history).
        wallets.trim(w.id(), ops.getLast().seq());
    }

    /**
     * Sends the wallet's outbox on the relay threads, so a caller never waits for Kafka; a failed send is left to
     * {@link WalletMaintenance}, which relays every pending outbox each second.
     */
    private void relayQuietly(String walletId) {
        relay.relayLater(walletId);
    }

    private static Op lookup(WalletState w, Map<String, Op> materialised, String id) {
        return w.recentOp(id).orElseGet(() -> materialised.get(id));
    }

    private static void backoff(int attempt) {
        // Contention is one wallet hit by many operations at once: full-jitter exponential back-off spreads the
        // retries so that few contenders read-and-write at the same moment (each round has exactly one winner).
        long capMs = 1L << Math.min(attempt, 6);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(capMs + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
