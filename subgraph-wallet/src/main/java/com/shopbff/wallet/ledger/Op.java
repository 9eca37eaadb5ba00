package com.shopbff.wallet.ledger;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * One applied wallet operation, identified by its idempotency id ({@code payment:<customer>:<order>},
 * {@code refund:<customer>:<order>}, {@code topup:<customer>:<key hash>}, {@code adjust:<customer>:<key hash>}).
 * {@code seq} is the wallet's sequence number after it, {@code entryNo} its number among the wallet's ledger entries
 * (1, 2, 3... without gaps; 0 for an operation that moved no money) and {@code balanceAfterMinor} the balance after
 * it: all exact, because an operation is written with a compare-and-set on the wallet's {@code seq}.
 * <p>
 * An operation that moves money ({@code amountMinor != 0}) is a ledger entry; one that does not (a declined payment,
 * a refund of an order never charged) is a decision, kept so that a redelivered command gets the same answer.
 *
 * @param amountMinor     signed change of the balance (negative for a payment)
 * @param requestedMinor  what the request asked for (the debit or top-up amount), to recognise a reused key
 * @param declineReason   set only for a declined payment (a {@code SagaReply.DeclineReason} name)
 */
public record Op(String id, String walletId, long seq, long entryNo, OpKind kind, long amountMinor, long requestedMinor,
                 long balanceAfterMinor, String currency, String orderId, String reason, String declineReason, Instant at) {

    public Op {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(at, "at");
        if (balanceAfterMinor < 0) throw new IllegalArgumentException("a balance never goes below zero");
        if (declineReason != null && amountMinor != 0) throw new IllegalArgumentException("a declined operation moves no money");
        if ((amountMinor != 0) != (entryNo > 0)) throw new IllegalArgumentException("exactly the operations that move money are numbered entries");
    }

    public boolean movesMoney() {
        return amountMinor != 0;
    }

    public boolean declined() {
        return declineReason != null;
    }

    public Document toDocument() {
        return new Document("_id", id).append("walletId", walletId).append("seq", seq).append("entryNo", entryNo).append("kind", kind.name())
                .append("amountMinor", amountMinor).append("requestedMinor", requestedMinor)
                .append("balanceAfterMinor", balanceAfterMinor).append("currency", currency).append("orderId", orderId)
                .append("reason", reason).append("declineReason", declineReason).append("at", Date.from(at));
    }

    public static Op fromDocument(Document d) {
        return new Op(d.getString("_id"), d.getString("walletId"), number(d, "seq"), number(d, "entryNo"), OpKind.valueOf(d.getString("kind")),
                number(d, "amountMinor"), number(d, "requestedMinor"), number(d, "balanceAfterMinor"), d.getString("currency"),
                d.getString("orderId"), d.getString("reason"), d.getString("declineReason"), d.getDate("at").toInstant());
    }

    static long number(Document d, String field) {
        Object v = d.get(field);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
