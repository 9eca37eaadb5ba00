package com.shopbff.wallet.saga;

import com.shopbff.contracts.SagaReply.DeclineReason;
import com.shopbff.contracts.WalletCommand;
import com.shopbff.wallet.ledger.Op;
import com.shopbff.wallet.ledger.OpKind;
import com.shopbff.wallet.payout.WalletPayouts;
import com.shopbff.wallet.wallet.OperationOutcome;
import com.shopbff.wallet.wallet.OperationPlan;
import com.shopbff.wallet.wallet.WalletOperations;
import com.shopbff.wallet.wallet.WalletService;
import com.shopbff.wallet.wallet.WalletState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The wallet's part of the order saga. Both commands are keyed by order id: the payment is operation
 * {@code payment:<customer>:<order>} and the refund {@code refund:<customer>:<order>}, each applied at most once;
 * a redelivered command changes nothing and re-sends the reply of the first delivery.
 * <p>
 * Out of order: a refund that finds no payment records "nothing to refund" (reply WalletRefunded with 0) and stays
 * on record, so a debit for that order arriving later is declined instead of charging an order the saga has
 * already compensated. The contract has no reason for that case; it is declined with INVALID_AMOUNT.
 */
@Service
public class PaymentService {
    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    private final WalletService walletService;
    private final WalletOperations operations;
    private final WalletPayouts payouts;

    public PaymentService(WalletService walletService, WalletOperations operations, WalletPayouts payouts) {
        this.walletService = walletService;
        this.operations = operations;
        this.payouts = payouts;
    }

    public OperationOutcome debit(WalletCommand.DebitWallet cmd) {
        String orderId = cmd.orderId();
        String opId = paymentId(cmd.customerId(), orderId);
        // A debit for a customer never seen opens an empty wallet (first use), so the decline is on record.
        WalletState wallet = walletService.open(cmd.customerId());
        OperationOutcome outcome = operations.execute(wallet, opId, refundId(cmd.customerId(), orderId), (w, refund) -> {
            long amount = cmd.amountMinor();
            // One currency for the whole shop: a command without one means the shop's.
            boolean foreign = cmd.currency() != null && !cmd.currency().isBlank() && !w.currency().equals(cmd.currency());
            if (amount < 0 || foreign) {
                return OperationPlan.decline(OpKind.PAYMENT, amount, orderId, "invalid amount " + amount + " " + cmd.currency(),
                        DeclineReason.INVALID_AMOUNT.name());
            }
            if (w.closed()) {
                return OperationPlan.decline(OpKind.PAYMENT, amount, orderId, "wallet closed", DeclineReason.WALLET_NOT_FOUND.name());
            }
            if (refund != null) {
                return OperationPlan.decline(OpKind.PAYMENT, amount, orderId, "order already refunded", DeclineReason.INVALID_AMOUNT.name());
            }
            if (w.balanceMinor() < amount) {
                return OperationPlan.decline(OpKind.PAYMENT, amount, orderId, "insufficient funds", DeclineReason.INSUFFICIENT_FUNDS.name());
            }
            return OperationPlan.record(OpKind.PAYMENT, -amount, amount, orderId, "payment for order " + orderId);
        });
        if (outcome instanceof OperationOutcome.Duplicate dup) {
            log.info("debit for order {} delivered again: re-sending the first reply", orderId);
            operations.resendReply(dup.op());
        }
        return outcome;
    }

    public OperationOutcome refund(WalletCommand.RefundWallet cmd) {
        String orderId = cmd.orderId();
        WalletState wallet = walletService.open(cmd.customerId());
        OperationOutcome outcome = operations.execute(wallet, refundId(cmd.customerId(), orderId), paymentId(cmd.customerId(), orderId),
                (w, payment) -> {
                    if (payment == null) {
                        return OperationPlan.record(OpKind.REFUND, 0, 0, orderId, "refund before any payment: nothing charged");
                    }
                    long charged = -payment.amountMinor();
                    return OperationPlan.record(OpKind.REFUND, charged, charged, orderId,
                            charged == 0 ? "payment was declined: nothing charged" : "refund for order " + orderId);
                });
        if (outcome instanceof OperationOutcome.Duplicate dup) {
            log.info("refund for order {} delivered again: re-sending the first reply", orderId);
            operations.resendReply(dup.op());
        }
        // a refund into a wallet closed by erasure (an order the erasure cancelled) is owed to the customer: pay it out
        if (outcome instanceof OperationOutcome.Applied applied && applied.op().movesMoney() && wallet.closed()) {
            payouts.payoutSoon(cmd.customerId());
        }
        return outcome;
    }

    static String paymentId(String customerId, String orderId) {
        return "payment:" + customerId + ":" + orderId;
    }

    static String refundId(String customerId, String orderId) {
        return "refund:" + customerId + ":" + orderId;
    }

    /** For tests and audits: the payment operation of an order, if any. */
    public Op payment(String customerId, String orderId) {
        return operations.find(walletService.open(customerId), paymentId(customerId, orderId));
    }
}
