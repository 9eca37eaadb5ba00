package com.shopbff.wallet.ledger;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The append-only ledger ({@code ledger}: operations that moved money) and the decisions beside it
 * ({@code wallet_decisions}: operations that did not). Both are keyed by the operation id, so writing an
 * operation twice is a no-op: that is what makes materialising from the wallet document safe to repeat.
 */
@Repository
public class LedgerRepository {
    static final String LEDGER = "ledger";
    static final String DECISIONS = "wallet_decisions";
    private final MongoTemplate mongo;

    public LedgerRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The materialised operations among {@code ids}, from both collections. */
    public Map<String, Op> findByIds(Collection<String> ids) {
        Map<String, Op> found = new HashMap<>();
        if (ids.isEmpty()) return found;
        Query q = Query.query(Criteria.where("_id").in(ids));
        for (String collection : List.of(LEDGER, DECISIONS)) {
            for (Document d : mongo.find(q, Document.class, collection)) found.put(d.getString("_id"), Op.fromDocument(d));
        }
        return found;
    }

    /** Writes whichever of {@code ops} are not written yet; safe to repeat and to race. */
    public void materialise(Collection<Op> ops) {
        if (ops.isEmpty()) return;
        Set<String> present = new HashSet<>(findByIds(ops.stream().map(Op::id).toList()).keySet());
        for (Op op : ops) {
            if (present.contains(op.id())) continue;
            try {
                mongo.insert(op.toDocument(), op.movesMoney() ? LEDGER : DECISIONS);
            } catch (DuplicateKeyException raced) {
                // another writer materialised it first: the entry is the same operation
            }
        }
    }

    /** Entries {@code fromEntryNo <= entryNo < toEntryNo} of one wallet. */
    public record Range(String walletId, long fromEntryNo, long toEntryNo) {}

    /**
     * The entries of several wallets' ranges in one query. Entry numbers are dense per wallet, so a page is an exact
     * range and the result is bounded by the sum of the page sizes.
     */
    public List<Op> entries(Collection<Range> ranges) {
        List<Criteria> branches = ranges.stream().filter(r -> r.toEntryNo() > r.fromEntryNo())
                .map(r -> Criteria.where("walletId").is(r.walletId()).and("entryNo").gte(r.fromEntryNo()).lt(r.toEntryNo()))
                .toList();
        if (branches.isEmpty()) return List.of();
        Query q = Query.query(new Criteria().orOperator(branches)).with(Sort.by(Sort.Direction.DESC, "entryNo"));
        return mongo.find(q, Document.class, LEDGER).stream().map(Op::fromDocument).toList();
    }

    /** Every ledger entry of one wallet, oldest first (the data export). */
    public List<Op> allEntries(String walletId) {
        Query q = Query.query(Criteria.where("walletId").is(walletId)).with(Sort.by(Sort.Direction.ASC, "entryNo"));
        return mongo.find(q, Document.class, LEDGER).stream().map(Op::fromDocument).toList();
    }

    /** Sum of the ledger amounts per wallet; {@code walletIds} null means every wallet. */
    public Map<String, Long> sums(Collection<String> walletIds) {
        List<org.springframework.data.mongodb.core.aggregation.AggregationOperation> stages = new ArrayList<>();
        if (walletIds != null) stages.add(Aggregation.match(Criteria.where("walletId").in(walletIds)));
        stages.add(Aggregation.group("walletId").sum("amountMinor").as("sum"));
        Map<String, Long> sums = new HashMap<>();
        for (Document d : mongo.aggregate(Aggregation.newAggregation(stages), LEDGER, Document.class).getMappedResults()) {
            sums.put(d.getString("_id"), ((Number) d.get("sum")).longValue());
        }
        return sums;
    }

    /**
     * GDPR erasure: free-text reasons an administrator wrote may name the person; amounts, kinds, order ids and
     * times stay for the accounts. Operation ids carry a hash of idempotency keys, never the key itself.
     */
    public void eraseFreeText(String walletId) {
        Query q = Query.query(Criteria.where("walletId").is(walletId).and("kind").is(OpKind.ADJUSTMENT.name()));
        mongo.updateMulti(q, Update.update("reason", ERASED), LEDGER);
        mongo.updateMulti(q, Update.update("reason", ERASED), DECISIONS);
    }

    public static final String ERASED = "[erased]";
}
