package com.shopbff.wallet.wallet;

import com.shopbff.support.money.MoneyFormat;
import com.shopbff.wallet.config.WalletProperties;
import com.shopbff.wallet.ledger.LedgerRepository;
import com.shopbff.wallet.ledger.Op;
import com.shopbff.wallet.ledger.OpKind;
import com.shopbff.wallet.payment.PaymentProvider;
import com.shopbff.wallet.payment.PaymentRequest;
import com.shopbff.wallet.payment.PaymentResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Wallets as the API sees them: open on first use, top up through the payment provider, admin adjustments, reads. */
@Service
public class WalletService {
    private static final Logger log = LoggerFactory.getLogger(WalletService.class);
    private static final int MAX_REASON_LENGTH = 500;

    private final WalletRepository wallets;
    private final LedgerRepository ledger;
    private final WalletOperations operations;
    private final PaymentProvider provider;
    private final String currency;
    private final long maxTopUpMinor;
    private final Counter topUpsApplied;
    private final Counter topUpsDeclined;
    private final Counter topUpsFailed;
    private final Counter topUpsRefused;
    private final DistributionSummary topUpAmounts;

    public WalletService(WalletRepository wallets, LedgerRepository ledger, WalletOperations operations, PaymentProvider provider,
                         WalletProperties properties, @Value("${shop.currency:USD}") String currency, MeterRegistry meters) {
        this.topUpsApplied = topUps(meters, "applied");
        this.topUpsDeclined = topUps(meters, "declined");
        this.topUpsFailed = topUps(meters, "failed");
        this.topUpsRefused = topUps(meters, "refused");
        this.topUpAmounts = DistributionSummary.builder("shop.wallet.topup.amount")
                .description("Amounts of applied top-ups, in minor units of the shop currency").baseUnit(currency.toLowerCase(java.util.Locale.ROOT) + "_minor")
                .register(meters);
        this.wallets = wallets;
        this.ledger = ledger;
        this.operations = operations;
        this.provider = provider;
        this.currency = currency;
        this.maxTopUpMinor = MoneyFormat.parse(properties.maxTopUp()).filter(v -> v > 0)
                .orElseThrow(() -> new IllegalArgumentException("shop.wallet.max-top-up must be a positive amount: " + properties.maxTopUp()));
    }

    /** {@code shop_wallet_topups_total{outcome}}: applied, declined (by the provider), failed (provider error), refused. */
    private static Counter topUps(MeterRegistry meters, String outcome) {
        return Counter.builder("shop.wallet.topups").description("Wallet top-ups by outcome").tag("outcome", outcome).register(meters);
    }

    public String currency() {
        return currency;
    }

    /** The customer's wallet, opened with a zero balance when this is its first use. */
    public WalletState open(String customerId) {
        return wallets.find(customerId).orElseGet(() -> wallets.open(customerId, currency));
    }

    /** Wallets of these customers, opening those that do not exist yet (one query when they all exist). */
    public Map<String, WalletState> openAll(Collection<String> customerIds) {
        Map<String, WalletState> found = new LinkedHashMap<>();
        for (WalletState w : wallets.findAll(customerIds)) found.put(w.id(), w);
        for (String id : customerIds) found.computeIfAbsent(id, this::open);
        return found;
    }

    public WalletResult topUp(String customerId, String amount, String idempotencyKey) {
        List<Problem> problems = new ArrayList<>();
        Amounts.Either parsed = Amounts.positive(amount, maxTopUpMinor);
        if (parsed.problem() != null) problems.add(parsed.problem());
        Amounts.idempotencyKey(idempotencyKey, true).ifPresent(problems::add);
        if (!problems.isEmpty()) return new WalletResult(null, problems);
        long minor = parsed.minor();
        String opId = "topup:" + customerId + ":" + Amounts.keyHash(idempotencyKey);

        WalletState w = open(customerId);
        Op earlier = operations.find(w, opId);
        if (earlier != null) return repeated(earlier, minor);
        if (w.closed()) return WalletResult.refused(new Problem("WALLET_CLOSED", null, "this wallet is closed"));

        PaymentResult paid;
        try {
            paid = provider.charge(new PaymentRequest(customerId, minor, currency, opId));
        } catch (RuntimeException e) {
            log.warn("payment provider failed for top-up {}: {}", opId, e.toString());
            paid = new PaymentResult.Failed(e.getClass().getSimpleName());
        }
        switch (paid) {
            case PaymentResult.Declined d -> {
                topUpsDeclined.increment();
                return WalletResult.refused(new Problem("PAYMENT_DECLINED", null, "the payment was declined: " + d.reason()));
            }
            case PaymentResult.Failed f -> {
                topUpsFailed.increment();
                return WalletResult.refused(new Problem("PAYMENT_FAILED", null, "the payment could not be made, try again later"));
            }
            case PaymentResult.Approved a -> {
                OperationOutcome outcome = operations.execute(w, opId, null, (state, none) -> state.closed()
                        ? new OperationPlan.Refuse("WALLET_CLOSED", "this wallet is closed")
                        : OperationPlan.record(OpKind.TOP_UP, minor, minor, null, "top-up, payment " + a.reference()));
                return switch (outcome) {
                    case OperationOutcome.Applied applied -> {
                        topUpsApplied.increment();
                        topUpAmounts.record(minor);
                        yield WalletResult.ok(wallets.find(customerId).orElseThrow());
                    }
                    case OperationOutcome.Duplicate dup -> repeated(dup.op(), minor);
                    case OperationOutcome.Refused r -> {
                        topUpsRefused.increment();
                        yield WalletResult.refused(new Problem(r.code(), null, r.message()));
                    }
                };
            }
        }
    }

    /** ADMIN: a signed correction with a reason. Without a key every call is a new adjustment. */
    public WalletResult adjust(String customerId, String amount, String reason, String idempotencyKey, String adminId) {
        List<Problem> problems = new ArrayList<>();
        Amounts.Either parsed = Amounts.nonZero(amount, maxTopUpMinor * 100);
        if (parsed.problem() != null) problems.add(parsed.problem());
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            problems.add(Problem.onInput("reason", "INVALID_REASON", "reason must be 1 to " + MAX_REASON_LENGTH + " characters"));
        }
        Amounts.idempotencyKey(idempotencyKey, false).ifPresent(problems::add);
        if (customerId == null || customerId.isBlank()) {
            problems.add(Problem.onInput("customerId", "WALLET_NOT_FOUND", "no wallet for this customer"));
        }
        if (!problems.isEmpty()) return new WalletResult(null, problems);
        Optional<WalletState> found = wallets.find(customerId);
        if (found.isEmpty()) return WalletResult.refused(Problem.onInput("customerId", "WALLET_NOT_FOUND", "no wallet for this customer"));
        long minor = parsed.minor();
        String opId = "adjust:" + customerId + ":" + (idempotencyKey == null ? UUID.randomUUID().toString() : Amounts.keyHash(idempotencyKey));
        String text = reason.strip() + " (by " + adminId + ")";
        OperationOutcome outcome = operations.execute(found.get(), opId, null, (state, none) -> state.balanceMinor() + minor < 0
                ? new OperationPlan.Refuse("INSUFFICIENT_FUNDS", "the balance is " + MoneyFormat.format(state.balanceMinor()) + ", it cannot go below zero")
                : OperationPlan.record(OpKind.ADJUSTMENT, minor, minor, null, text));
        return switch (outcome) {
            case OperationOutcome.Applied applied -> WalletResult.ok(wallets.find(customerId).orElseThrow());
            case OperationOutcome.Duplicate dup -> repeated(dup.op(), minor);
            case OperationOutcome.Refused r -> WalletResult.refused(Problem.onInput("amount", r.code(), r.message()));
        };
    }

    /**
     * Pages of several wallets' ledgers in one query, each as of the wallet state it was read with (so a page agrees
     * with the balance shown beside it); what those states include is first made sure to be in the ledger.
     */
    public Map<LedgerRepository.Range, List<Op>> transactions(Collection<WalletState> states, Collection<LedgerRepository.Range> ranges) {
        ledger.materialise(states.stream().flatMap(w -> w.recent().stream()).toList());
        List<Op> found = ledger.entries(ranges);
        Map<LedgerRepository.Range, List<Op>> pages = new LinkedHashMap<>();
        for (LedgerRepository.Range r : ranges) {
            pages.put(r, found.stream().filter(op -> op.walletId().equals(r.walletId())
                    && op.entryNo() >= r.fromEntryNo() && op.entryNo() < r.toEntryNo()).toList());
        }
        return pages;
    }

    private WalletResult repeated(Op earlier, long requestedMinor) {
        if (earlier.requestedMinor() != requestedMinor) {
            return WalletResult.refused(Problem.onInput("idempotencyKey", "IDEMPOTENCY_KEY_REUSED",
                    "this idempotencyKey was used for another amount (" + MoneyFormat.format(earlier.requestedMinor()) + ")"));
        }
        return WalletResult.ok(wallets.find(earlier.walletId()).orElseThrow());
    }

    /** CustomerRegistered: the wallet exists from registration on. */
    public void onCustomerRegistered(String customerId) {
        open(customerId);
    }

    /**
     * CustomerDeleted: see docs/decisions/0003-wallet-ledger.md, "Erasure". Idempotent.
     * @return the wallet as closed, empty when the customer never had one
     */
    public Optional<WalletState> close(String customerId) {
        Optional<WalletState> found = wallets.find(customerId);
        if (found.isEmpty()) return Optional.empty();
        if (!found.get().closed()) wallets.close(customerId, Instant.now());
        WalletState closed = wallets.find(customerId).orElseThrow();
        operations.flush(closed);
        ledger.eraseFreeText(customerId);
        return Optional.of(closed);
    }
}
