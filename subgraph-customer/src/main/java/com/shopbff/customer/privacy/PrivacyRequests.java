package com.shopbff.customer.privacy;

import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxEntry;
import com.shopbff.support.messaging.OutboxRelay;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The {@code privacy_requests} collection (see {@link PrivacyRequest}); every write is one single-document update.
 * A request's messages to the other subgraphs (DataExportRequested, a resent CustomerDeleted) sit in its {@code outbox}
 * and are relayed right after the write, and by the sweep.
 */
@Repository
public class PrivacyRequests {
    private final MongoTemplate mongo;
    private final ThreadPoolExecutor sender = OutboxRelay.newExecutor("privacy-outbox", 1);
    private final OutboxRelay relay;

    public PrivacyRequests(MongoTemplate mongo, MessagePublisher publisher) {
        this.mongo = mongo;
        this.relay = new OutboxRelay(mongo, publisher, PrivacyRequest.COLLECTION, sender);
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
    }

    /** The erasure request of the customer, created IN_PROGRESS unless it exists. */
    public PrivacyRequest openErasure(String customerId, List<String> sources, Instant now, Instant nextSendAt) {
        Update init = new Update().setOnInsert("kind", PrivacyRequest.Kind.ERASURE.name()).setOnInsert("customerId", customerId)
                .setOnInsert("status", "IN_PROGRESS").setOnInsert("requestedAt", Date.from(now)).setOnInsert("attempts", 1)
                .setOnInsert("nextSendAt", Date.from(nextSendAt)).setOnInsert("sources", sources).setOnInsert("steps", new Document())
                .setOnInsert("outbox", List.of());
        return PrivacyRequest.from(mongo.findAndModify(byId(PrivacyRequest.erasureId(customerId)), init,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, PrivacyRequest.COLLECTION));
    }

    /** A new export request, PENDING, with the message that asks every subgraph for its part. */
    public void insertExport(String exportId, String customerId, List<String> sources, Instant now, Instant nextSendAt, OutboxEntry request) {
        mongo.insert(new Document("_id", exportId).append("kind", PrivacyRequest.Kind.DATA_EXPORT.name()).append("customerId", customerId)
                .append("status", "PENDING").append("requestedAt", Date.from(now)).append("attempts", 1)
                .append("nextSendAt", Date.from(nextSendAt)).append("sources", sources).append("steps", new Document())
                .append("chunkCounts", new Document()).append("chunks", List.of()).append("outbox", List.of(request.toDocument())),
                PrivacyRequest.COLLECTION);
        relay.relayLater(exportId);
    }

    public Optional<PrivacyRequest> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, PrivacyRequest.COLLECTION)).map(PrivacyRequest::from);
    }

    /**
     * Records a source's answer once (a repeated answer keeps the first); only while the request is open.
     * @return the request as it now is, empty when it is not open (or does not exist)
     */
    public Optional<PrivacyRequest> recordStep(String id, String source, String detail, Instant at) {
        Query open = Query.query(where("_id").is(id).and("status").in("PENDING", "IN_PROGRESS").and("steps." + source).exists(false));
        mongo.updateFirst(open, new Update().set("steps." + source, new Document("completedAt", Date.from(at)).append("detail", detail)),
                PrivacyRequest.COLLECTION);
        return find(id).filter(r -> r.status().equals("PENDING") || r.status().equals("IN_PROGRESS"));
    }

    /** Notes a received chunk of an export part; empty when the export is not PENDING. */
    public Optional<PrivacyRequest> recordChunk(String exportId, String source, int chunk, int chunkCount) {
        Document d = mongo.findAndModify(Query.query(where("_id").is(exportId).and("status").is("PENDING")),
                new Update().set("chunkCounts." + source, chunkCount).addToSet("chunks", source + ":" + chunk),
                FindAndModifyOptions.options().returnNew(true), Document.class, PrivacyRequest.COLLECTION);
        return Optional.ofNullable(d).map(PrivacyRequest::from);
    }

    /** Moves the request from {@code from} to {@code to}; false when it was not in {@code from} any more. */
    public boolean finish(String id, String from, String to, Instant at, Instant expiresAt, String failureReason) {
        Update u = new Update().set("status", to).set("completedAt", Date.from(at)).unset("nextSendAt");
        if (expiresAt != null) u.set("expiresAt", Date.from(expiresAt));
        if (failureReason != null) u.set("failureReason", failureReason);
        return mongo.updateFirst(Query.query(where("_id").is(id).and("status").is(from)), u, PrivacyRequest.COLLECTION).getModifiedCount() == 1;
    }

    /** An open request asks the missing sources again: the message goes in its outbox, the next resend is scheduled. */
    public boolean resend(PrivacyRequest r, OutboxEntry message, Instant nextSendAt, String waitingFor) {
        boolean done = mongo.updateFirst(Query.query(where("_id").is(r.id()).and("status").is(r.status()).and("attempts").is(r.attempts())),
                new Update().inc("attempts", 1).set("nextSendAt", Date.from(nextSendAt)).set("failureReason", waitingFor)
                        .push("outbox", message.toDocument()), PrivacyRequest.COLLECTION).getModifiedCount() == 1;
        if (done) relay.relayLater(r.id());
        return done;
    }

    /** Postpones the next look at an open request (e.g. an erasure whose account is still being erased). */
    public void postpone(String id, Instant nextSendAt) {
        mongo.updateFirst(byId(id), new Update().set("nextSendAt", Date.from(nextSendAt)), PrivacyRequest.COLLECTION);
    }

    /** Open requests whose next resend is due. */
    public List<PrivacyRequest> due(Instant now) {
        return mongo.find(Query.query(where("status").in("PENDING", "IN_PROGRESS").and("nextSendAt").lte(Date.from(now))),
                Document.class, PrivacyRequest.COLLECTION).stream().map(PrivacyRequest::from).toList();
    }

    /** Ready exports past their expiry. */
    public List<PrivacyRequest> expired(Instant now) {
        return mongo.find(Query.query(where("status").is("READY").and("expiresAt").lte(Date.from(now))),
                Document.class, PrivacyRequest.COLLECTION).stream().map(PrivacyRequest::from).toList();
    }

    /** A customer's data exports, newest first. */
    public List<PrivacyRequest> exportsOf(String customerId, int limit) {
        Query q = Query.query(where("customerId").is(customerId).and("kind").is(PrivacyRequest.Kind.DATA_EXPORT.name()))
                .with(Sort.by(Sort.Order.desc("requestedAt"), Sort.Order.desc("_id"))).limit(limit);
        return mongo.find(q, Document.class, PrivacyRequest.COLLECTION).stream().map(PrivacyRequest::from).toList();
    }

    /** Exports of the customer requested since {@code since}. */
    public long countExportsSince(String customerId, Instant since) {
        return mongo.count(Query.query(where("customerId").is(customerId).and("kind").is(PrivacyRequest.Kind.DATA_EXPORT.name())
                .and("requestedAt").gte(Date.from(since))), PrivacyRequest.COLLECTION);
    }

    /** A page of the audit, newest first, after the entry {@code (afterRequestedAt, afterId)}. */
    public List<PrivacyRequest> page(PrivacyRequest.Kind kind, String customerId, Instant afterRequestedAt, String afterId, int limit) {
        Query q = Query.query(filter(kind, customerId));
        if (afterRequestedAt != null) {
            q.addCriteria(new Criteria().orOperator(where("requestedAt").lt(Date.from(afterRequestedAt)),
                    where("requestedAt").is(Date.from(afterRequestedAt)).and("_id").lt(afterId)));
        }
        q.with(Sort.by(Sort.Order.desc("requestedAt"), Sort.Order.desc("_id"))).limit(limit);
        return mongo.find(q, Document.class, PrivacyRequest.COLLECTION).stream().map(PrivacyRequest::from).toList();
    }

    public long count(PrivacyRequest.Kind kind, String customerId) {
        return mongo.count(Query.query(filter(kind, customerId)), PrivacyRequest.COLLECTION);
    }

    /** Sends every pending outbox entry of the collection (the sweep). */
    public void relayAll() {
        relay.relayAll();
    }

    private static Criteria filter(PrivacyRequest.Kind kind, String customerId) {
        Criteria c = new Criteria();
        if (kind != null) c = c.and("kind").is(kind.name());
        if (customerId != null) c = c.and("customerId").is(customerId);
        return c;
    }

    private static Query byId(String id) {
        return Query.query(where("_id").is(id));
    }
}
