package com.shopbff.notifications.notification;

import com.shopbff.support.messaging.OutboxEntry;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
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

/**
 * The {@code notifications} collection. Besides the notification itself each document carries, written by the same
 * single-document insert, its {@code outbox} (the NotificationCreated event for live push) and its pending external
 * deliveries ({@code pendingChannels} plus per-channel state under {@code deliveries.<channel>}), so nothing a
 * notification still owes is lost if the process dies right after the insert.
 */
@Repository
public class NotificationRepository {
    public static final String COLLECTION = "notifications";
    static final String CUSTOMER_ID = "customerId";
    static final String READ = "read";
    static final String CREATED_AT = "createdAt";
    public static final String PENDING_CHANNELS = "pendingChannels";
    public static final String DELIVERIES = "deliveries";
    /** When the delivery worker should look at this notification next (a scheduling hint; per-channel state decides). */
    public static final String NEXT_DELIVERY_AT = "nextDeliveryAt";

    private final MongoTemplate mongo;

    public NotificationRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return false when a notification with this id exists already (a redelivered event) */
    public boolean insertIfAbsent(StoredNotification n, List<String> channels, OutboxEntry outbox, Instant now) {
        Document deliveries = new Document();
        for (String channel : channels) {
            deliveries.append(channel, new Document("attempts", 0).append("nextAttemptAt", Date.from(now))
                    .append("lockedUntil", new Date(0)));
        }
        Document doc = new Document("_id", n.id())
                .append(CUSTOMER_ID, n.customerId())
                .append("kind", n.kind())
                .append("title", n.title())
                .append("body", n.body())
                .append("orderId", n.orderId())
                .append(READ, n.read())
                .append(CREATED_AT, Date.from(n.createdAt()))
                .append(PENDING_CHANNELS, List.copyOf(channels))
                .append(DELIVERIES, deliveries)
                .append(NEXT_DELIVERY_AT, Date.from(now))
                .append("outbox", List.of(outbox.toDocument()));
        try {
            mongo.insert(doc, COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public Optional<StoredNotification> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(NotificationRepository::toNotification);
    }

    /** Newest first; {@code after} is the (createdAt, id) position of the last notification of the previous page. */
    public List<StoredNotification> page(String customerId, boolean unreadOnly, Position after, int limit) {
        Criteria c = ownerCriteria(customerId, unreadOnly);
        if (after != null) {
            Date at = Date.from(after.createdAt());
            c = new Criteria().andOperator(c, new Criteria().orOperator(
                    Criteria.where(CREATED_AT).lt(at),
                    new Criteria().andOperator(Criteria.where(CREATED_AT).is(at), Criteria.where("_id").lt(after.id()))));
        }
        Query q = Query.query(c).with(Sort.by(Sort.Order.desc(CREATED_AT), Sort.Order.desc("_id"))).limit(limit);
        return mongo.find(q, Document.class, COLLECTION).stream().map(NotificationRepository::toNotification).toList();
    }

    public long count(String customerId, boolean unreadOnly) {
        return mongo.count(Query.query(ownerCriteria(customerId, unreadOnly)), COLLECTION);
    }

    /** Marks one of the customer's notifications read; empty when the customer has no notification with this id. */
    public Optional<StoredNotification> markRead(String id, String customerId, Instant now) {
        Document d = mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and(CUSTOMER_ID).is(customerId)),
                new Update().set(READ, true).set("readAt", Date.from(now)),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        return Optional.ofNullable(d).map(NotificationRepository::toNotification);
    }

    public long markAllRead(String customerId, Instant now) {
        return mongo.updateMulti(Query.query(ownerCriteria(customerId, true)),
                new Update().set(READ, true).set("readAt", Date.from(now)), COLLECTION).getModifiedCount();
    }

    public long deleteByCustomer(String customerId) {
        return mongo.remove(Query.query(Criteria.where(CUSTOMER_ID).is(customerId)), COLLECTION).getDeletedCount();
    }

    public long deleteCreatedBefore(Instant cutoff) {
        return mongo.remove(Query.query(Criteria.where(CREATED_AT).lt(Date.from(cutoff))), COLLECTION).getDeletedCount();
    }

    private static Criteria ownerCriteria(String customerId, boolean unreadOnly) {
        Criteria c = Criteria.where(CUSTOMER_ID).is(customerId);
        return unreadOnly ? c.and(READ).is(false) : c;
    }

    public static StoredNotification toNotification(Document d) {
        return new StoredNotification(d.getString("_id"), d.getString(CUSTOMER_ID), d.getString("kind"), d.getString("title"),
                d.getString("body"), d.getString("orderId"), Boolean.TRUE.equals(d.getBoolean(READ)), d.getDate(CREATED_AT).toInstant());
    }

    /** A place in the newest-first order. */
    public record Position(Instant createdAt, String id) {}
}
