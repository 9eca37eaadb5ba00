package com.shopbff.wallet.wallet;

import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.SagaReply;
import com.shopbff.contracts.Topics;
import com.shopbff.contracts.WalletEvent;
import com.shopbff.support.messaging.OutboxEntry;
import com.shopbff.wallet.ledger.Op;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The Kafka messages an operation announces: the saga reply (payments, refunds) and the wallet event. */
final class WalletMessages {
    private WalletMessages() {}

    /** Messages for an operation just applied, queued by the same update that applies it. */
    static List<OutboxEntry> forNewOp(Op op) {
        List<OutboxEntry> out = new ArrayList<>();
        replyFor(op).ifPresent(out::add);
        switch (op.kind()) {
            case TOP_UP -> out.add(OutboxEntry.of(Topics.WALLET_EVENTS,
                    new WalletEvent.WalletToppedUp(op.walletId(), op.amountMinor(), op.balanceAfterMinor(), op.currency())));
            case PAYMENT -> {
                if (op.movesMoney()) out.add(OutboxEntry.of(Topics.WALLET_EVENTS, new WalletEvent.WalletCharged(op.walletId(),
                        op.orderId(), -op.amountMinor(), op.balanceAfterMinor(), op.currency())));
            }
            case REFUND -> {
                if (op.movesMoney()) out.add(OutboxEntry.of(Topics.WALLET_EVENTS, new WalletEvent.WalletCredited(op.walletId(),
                        op.orderId(), op.amountMinor(), op.balanceAfterMinor(), op.currency())));
            }
            case ADJUSTMENT -> { /* no contract for it: notifications do not announce corrections */ }
            case PAYOUT -> { /* the wallet is closed and its customer erased: nobody to tell */ }
        }
        return out;
    }

    /**
     * The saga reply of a payment or refund. Its event id is derived from the operation id, so the reply re-sent
     * for a redelivered command is the very same message and the saga's idempotent consumer drops the copy.
     */
    static Optional<OutboxEntry> replyFor(Op op) {
        Message reply = switch (op.kind()) {
            case PAYMENT -> op.declined()
                    ? new SagaReply.PaymentDeclined(op.orderId(), op.walletId(), SagaReply.DeclineReason.valueOf(op.declineReason()))
                    : new SagaReply.WalletDebited(op.orderId(), op.walletId(), -op.amountMinor(), op.currency());
            case REFUND -> new SagaReply.WalletRefunded(op.orderId(), op.walletId(), op.amountMinor(), op.currency());
            case TOP_UP, ADJUSTMENT, PAYOUT -> null;
        };
        if (reply == null) return Optional.empty();
        UUID eventId = UUID.nameUUIDFromBytes(("wallet-reply:" + op.id()).getBytes(StandardCharsets.UTF_8));
        Envelope<Message> env = Envelope.of(eventId, op.at(), reply);
        return Optional.of(new OutboxEntry(eventId.toString(), Topics.ORDER_SAGA_REPLIES, env.key(), MessageCodec.encodeToString(env)));
    }
}
