package com.shopbff.customer;

import com.shopbff.support.mongo.MongoIndex;
import com.shopbff.support.mongo.MongoIndexes;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Every MongoDB index the customer subgraph's queries need (created at start-up by the shared MongoIndexInitializer), and
 * the queries that read a whole collection on purpose. MongoIndexCoverageTest checks every query the module's tests
 * make the code send against this list.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerMongoIndexes {

    @Bean
    MongoIndexes customerIndexes() {
        return declared();
    }

    public static MongoIndexes declared() {
        return MongoIndexes.of("subgraph-customer")
                .index(MongoIndex.outboxSweep("customers"))
                .index(MongoIndex.outboxSweep("refresh_sessions"))
                .index(MongoIndex.on("customers", "emailLower", 1).named("email")
                        .serving("the admin's customer list in e-mail order, paged by e-mail (also with a search)"))
                .index(MongoIndex.on("customers", "deleted", 1).named("tombstones")
                        .partial(new Document("deleted", true))
                        .serving("the sweep of erased customers' tombstones once their CustomerDeleted is sent"))
                .index(MongoIndex.on("refresh_sessions", "customerId", 1).named("customer")
                        .serving("sign-out everywhere, password change and erasure end all of a customer's sessions"))
                .index(MongoIndex.on("refresh_sessions", "expiresAt", 1).named("expires_ttl").expireAfter(Duration.ofDays(1))
                        .serving("expired sessions go a day after expiry (TTL; the hourly sweep does the same where there is no TTL, e.g. the embedded server)"))
                .index(MongoIndex.on("refresh_sessions", "revokedAt", 1).named("revoked_ttl").expireAfter(Duration.ofDays(1))
                        .serving("revoked sessions go a day after revocation (TTL)"))
                .index(MongoIndex.on("oidc_sign_ins", "expiresAt", 1).named("expires_ttl").expireAfter(Duration.ZERO)
                        .serving("an unfinished external sign-in goes when it expires (TTL)"))
                .index(MongoIndex.on("provider_links", "customerId", 1).named("customer")
                        .serving("a customer's linked external sign-in providers; erasure"))
                .index(MongoIndex.on("data_export_chunks", "exportId", 1, "source", 1, "chunk", 1).named("export")
                        .serving("assembling a data export from its parts in order; dropping them after"))
                .index(MongoIndex.on("data_export_chunks", "customerId", 1).named("customer")
                        .serving("erasure drops a customer's export parts"))
                .index(MongoIndex.outboxSweep("privacy_requests"))
                .index(MongoIndex.on("privacy_requests", "status", 1, "nextSendAt", 1).named("open_due")
                        .serving("the sweep that re-sends erasure and export requests still open"))
                .index(MongoIndex.on("privacy_requests", "status", 1, "expiresAt", 1).named("ready_expiry")
                        .serving("the sweep of ready exports past their expiry"))
                .index(MongoIndex.on("privacy_requests", "customerId", 1, "kind", 1, "requestedAt", -1, "_id", -1).named("customer_kind")
                        .serving("a customer's data exports, newest first, their count (five a day); the admin's list for a customer"))
                .index(MongoIndex.on("privacy_requests", "kind", 1, "requestedAt", -1, "_id", -1).named("kind_requested")
                        .serving("the admin's list of requests of one kind, newest first, and its count"))
                .index(MongoIndex.on("privacy_requests", "requestedAt", -1, "_id", -1).named("requested")
                        .serving("the admin's list of every request, newest first (paged)"))
                .scan("privacy_requests", "aggregate {}", "the total of the admin's list of every privacy request counts them all "
                        + "(an admin page)")
                .scan("customers", "aggregate {deleted:ne}", "the total count of the admin's customer list counts every customer "
                        + "(an admin page; MongoDB counts from the collection, not from an index, when nothing narrows it)")
                .scan("customers", "aggregate {deleted:ne} $or[{emailLower:regex} | {name:regex}]", "the admin's customer search by "
                        + "any part of a name or e-mail: no index serves an unanchored substring match (an admin tool; at scale a "
                        + "search engine)")
                .build();
    }
}
