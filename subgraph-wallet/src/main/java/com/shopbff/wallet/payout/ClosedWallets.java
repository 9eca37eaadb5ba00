package com.shopbff.wallet.payout;

import com.shopbff.wallet.wallet.WalletRepository;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Wallets closed by erasure and what happened to their money, for ADMIN ({@code closedWallets}). */
@Repository
public class ClosedWallets {
    private final MongoTemplate mongo;

    public ClosedWallets(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public enum Status { NOTHING_DUE, DUE, PAID }

    public record ClosedWallet(String customerId, String currency, Instant closedAt, long balanceMinor, long paidOutMinor, int attempts,
                               Instant lastAttemptAt, String lastError) {
        public Status status() {
            if (balanceMinor > 0) return Status.DUE;
            return paidOutMinor > 0 ? Status.PAID : Status.NOTHING_DUE;
        }
    }

    /** A page, newest closure first, after {@code (afterClosedAt, afterId)}; {@code owing} null = all. */
    public List<ClosedWallet> page(Boolean owing, Instant afterClosedAt, String afterId, int limit) {
        Query q = Query.query(filter(owing));
        if (afterClosedAt != null) {
            q.addCriteria(new Criteria().orOperator(Criteria.where("closedAt").lt(Date.from(afterClosedAt)),
                    Criteria.where("closedAt").is(Date.from(afterClosedAt)).and("_id").lt(afterId)));
        }
        q.with(Sort.by(Sort.Order.desc("closedAt"), Sort.Order.desc("_id"))).limit(limit);
        return mongo.find(q, Document.class, WalletRepository.COLLECTION).stream().map(ClosedWallets::from).toList();
    }

    public long count(Boolean owing) {
        return mongo.count(Query.query(filter(owing)), WalletRepository.COLLECTION);
    }

    private static Criteria filter(Boolean owing) {
        Criteria c = Criteria.where("closed").is(true);
        if (owing != null) c = owing ? c.and("balance").gt(0) : c.and("balance").lte(0);
        return c;
    }

    private static ClosedWallet from(Document d) {
        Document p = d.get("payout", Document.class);
        Date closed = d.getDate("closedAt");
        return new ClosedWallet(d.getString("_id"), d.getString("currency"), closed == null ? Instant.EPOCH : closed.toInstant(),
                ((Number) d.get("balance")).longValue(),
                p == null || p.get("paidOutMinor") == null ? 0 : ((Number) p.get("paidOutMinor")).longValue(),
                p == null ? 0 : p.getInteger("attempts", 0),
                p == null || p.getDate("lastAttemptAt") == null ? null : p.getDate("lastAttemptAt").toInstant(),
                p == null ? null : p.getString("lastError"));
    }
}
