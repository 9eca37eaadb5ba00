package com.shopbff.wallet.wallet;

import com.shopbff.support.messaging.OutboxEntry;
import com.shopbff.wallet.ledger.Op;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** The {@code wallets} collection: one document per customer, {@code _id} = customer id. */
@Repository
public class WalletRepository {
    public static final String COLLECTION = "wallets";
    private final MongoTemplate mongo;

    public WalletRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<WalletState> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(WalletState::fromDocument);
    }

    public List<WalletState> findAll(Collection<String> ids) {
        Query q = ids == null ? new Query() : Query.query(Criteria.where("_id").in(ids));
        return mongo.find(q, Document.class, COLLECTION).stream().map(WalletState::fromDocument).toList();
    }

    /** Wallets holding operations that may still need writing to the ledger (crash recovery). */
    public List<WalletState> withRecentOps() {
        return mongo.find(Query.query(Criteria.where("recent.0").exists(true)), Document.class, COLLECTION).stream()
                .map(WalletState::fromDocument).toList();
    }

    /** Opens the wallet with a zero balance unless it exists; returns it either way. */
    public WalletState open(String id, String currency) {
        Update init = new Update().setOnInsert("currency", currency).setOnInsert("balance", 0L).setOnInsert("seq", 0L).setOnInsert("entries", 0L)
                .setOnInsert("trimEpoch", 0L).setOnInsert("recent", List.of()).setOnInsert("outbox", List.of())
                .setOnInsert("closed", false).setOnInsert("openedAt", new Date());
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(id)), init, COLLECTION);
        } catch (DuplicateKeyException raced) {
            // a concurrent upsert inserted it first (a real replica set can report this): it exists now
        }
        return find(id).orElseThrow();
    }

    /**
     * Applies {@code op} if the wallet is still exactly as read ({@code seq} unchanged): balance, sequence number,
     * the operation in {@code recent} and its messages in {@code outbox}, in one single-document update.
     *
     * @return false when another operation got in first (re-read and decide again)
     */
    public boolean apply(WalletState read, Op op, List<OutboxEntry> messages) {
        // The balance is checked too, though seq alone decides on a real MongoDB: the new balance is computed from the
        // balance read, so the write must land on exactly that balance (a torn read in the embedded server once paired
        // an old balance with a new seq and wrote a stale balance; see EmbeddedBackends).
        Criteria where = Criteria.where("_id").is(read.id()).and("seq").is(read.seq()).and("balance").is(read.balanceMinor());
        Update update = new Update().set("balance", op.balanceAfterMinor()).set("seq", op.seq())
                .set("updatedAt", Date.from(op.at())).push("recent", op.toDocument());
        if (op.movesMoney()) update.set("entries", op.entryNo());
        if (!messages.isEmpty()) update.push("outbox").each(messages.stream().map(OutboxEntry::toDocument).toArray());
        return mongo.updateFirst(Query.query(where), update, COLLECTION).getMatchedCount() == 1;
    }

    /** Drops operations up to {@code seq} from {@code recent}; the caller has made sure they are in the ledger. */
    public void trim(String id, long seq) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().pull("recent", Query.query(Criteria.where("seq").lte(seq)).getQueryObject()).inc("trimEpoch", 1),
                COLLECTION);
    }

    /** Closes the wallet; moving {@code seq} makes an operation decided on the open wallet lose its compare-and-set. */
    public void close(String id, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().set("closed", true).set("closedAt", Date.from(at)).inc("seq", 1), COLLECTION);
    }

}
