package com.shopbff.wallet;

import com.shopbff.support.mongo.MongoIndex;
import com.shopbff.support.mongo.MongoIndexes;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every MongoDB index the wallet subgraph's queries need (created at start-up by the shared MongoIndexInitializer), and
 * the queries that read a whole collection on purpose. MongoIndexCoverageTest checks every query the module's tests
 * make the code send against this list.
 */
@Configuration(proxyBeanMethods = false)
public class WalletMongoIndexes {

    @Bean
    MongoIndexes walletIndexes() {
        return declared();
    }

    public static MongoIndexes declared() {
        return MongoIndexes.of("subgraph-wallet")
                .index(MongoIndex.outboxSweep("wallets"))
                .index(MongoIndex.on("wallets", "recent.0", 1).named("recent_pending")
                        .partial(new Document("recent.0", new Document("$exists", true)))
                        .serving("crash recovery: wallets with operations not yet written to the ledger"))
                .index(MongoIndex.on("wallets", "closed", 1, "closedAt", -1, "_id", -1).named("closed")
                        .partial(new Document("closed", true))
                        .serving("the admin's list of closed wallets (newest first, owed a payout or not) and its count; the payout "
                                + "sweep of closed wallets with a balance or a payout in flight"))
                .index(MongoIndex.on("ledger", "walletId", 1, "entryNo", -1).named("wallet_entry").asUnique()
                        .serving("a wallet's entries by number (history pages are exact entry ranges: the numbers are dense and "
                                + "unique per wallet, enforced here), ledger sums per wallet, erasure of free text"))
                .index(MongoIndex.on("wallet_decisions", "walletId", 1).named("wallet")
                        .serving("erasure of free text in a wallet's declined operations"))
                .scan("ledger", "aggregate {}", "the admin's audit of every wallet sums the whole ledger (an admin report; "
                        + "an audit of given customers uses wallet_entry)")
                .scan("wallets", "find {}", "the admin's audit of every wallet reads every wallet (an admin report)")
                .build();
    }
}
