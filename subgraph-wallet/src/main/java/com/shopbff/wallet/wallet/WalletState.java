package com.shopbff.wallet.wallet;

import com.shopbff.wallet.ledger.Op;
import org.bson.Document;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A wallet document as read: balance, the sequence number of its last operation ({@code seq}, the compare-and-set
 * token of every write), the number of its ledger entries ({@code entries}), {@code trimEpoch} (bumped whenever materialised operations leave {@code recent}) and
 * {@code recent}, the latest operations in order, a suffix of the wallet's history that includes every operation
 * not yet written to the ledger.
 */
public record WalletState(String id, String currency, long balanceMinor, long seq, long entries, long trimEpoch, List<Op> recent,
                          boolean closed, Instant openedAt) {

    public WalletState {
        recent = List.copyOf(recent);
    }

    public Optional<Op> recentOp(String opId) {
        return recent.stream().filter(op -> op.id().equals(opId)).findFirst();
    }

    static WalletState fromDocument(Document d) {
        List<Op> recent = d.getList("recent", Document.class, List.of()).stream().map(Op::fromDocument).toList();
        java.util.Date opened = d.getDate("openedAt");
        return new WalletState(d.getString("_id"), d.getString("currency"), number(d, "balance"), number(d, "seq"), number(d, "entries"),
                number(d, "trimEpoch"), recent, Boolean.TRUE.equals(d.getBoolean("closed")),
                opened == null ? Instant.EPOCH : opened.toInstant());
    }

    private static long number(Document d, String field) {
        Object v = d.get(field);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
