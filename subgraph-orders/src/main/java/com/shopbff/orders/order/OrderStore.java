package com.shopbff.orders.order;

import com.shopbff.contracts.CatalogCommand;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.OrderEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.contracts.WalletCommand;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.support.messaging.OutboxEntry;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The {@code orders} collection: every write is a single-document update, status changes conditional on version. */
@Repository
public class OrderStore {
    public static final String COLLECTION = "orders";
    private final MongoTemplate mongo;
    private final Clock clock;

    public OrderStore(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when an order with this id exists */
    public OrderDocument insert(OrderDocument order) {
        return mongo.insert(order);
    }

    public Optional<OrderDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, OrderDocument.class));
    }

    public List<OrderDocument> findAll(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), OrderDocument.class);
    }

    public List<OrderDocument> find(Criteria criteria, long skip, int limit) {
        Query q = Query.query(criteria).with(Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("_id"))).skip(skip).limit(limit);
        return mongo.find(q, OrderDocument.class);
    }

    public List<OrderDocument> find(Criteria criteria) {
        return mongo.find(Query.query(criteria), OrderDocument.class);
    }

    public long count(Criteria criteria) {
        return mongo.count(Query.query(criteria), OrderDocument.class);
    }

    /** Orders whose saga step waits for a reply past its deadline. */
    public List<OrderDocument> overdue(Instant now) {
        return mongo.find(Query.query(Criteria.where("status").in(OrderStatus.PENDING.name(), OrderStatus.RESERVED.name())
                .and("stepDeadline").lt(now)), OrderDocument.class);
    }

    /**
     * Applies a transition if the order is still at the version it was read at: status, history, the announcing
     * {@code OrderStatusChanged} events and the commands go in the same update, so they are never separated.
     *
     * @return the updated order, or empty when someone else changed it first (re-read and decide again)
     */
    public Optional<OrderDocument> apply(OrderDocument current, Transition t) {
        Instant now = now();
        long version = current.version();
        OrderStatus previous = current.status();
        List<OutboxEntry> outbox = new ArrayList<>();
        for (Message command : t.commands()) outbox.add(OutboxEntry.of(topicOf(command), command));
        List<OrderDocument.StatusEntry> history = new ArrayList<>();
        for (OrderStatus status : t.path()) {
            version++;
            history.add(new OrderDocument.StatusEntry(status, now, t.reason()));
            outbox.add(OutboxEntry.of(Topics.ORDER_EVENTS, new OrderEvent.OrderStatusChanged(current.id(), current.number(),
                    current.customerId(), status.name(), previous.name(), now, t.reason(), current.totalMinor(),
                    current.currency(), version)));
            previous = status;
        }
        Update update = new Update().set("version", version).set("updatedAt", now);
        if (!t.path().isEmpty()) {
            update.set("status", previous.name()).push("statusHistory").each(history.toArray());
        }
        if (!outbox.isEmpty()) update.push("outbox").each(outbox.toArray());
        t.sets().forEach((field, value) -> update.set(field, value instanceof Enum<?> e ? e.name() : value));
        Query query = Query.query(Criteria.where("_id").is(current.id()).and("version").is(current.version()));
        return Optional.ofNullable(mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
                OrderDocument.class));
    }

    /** Statuses an order does not leave. */
    public static final java.util.Set<OrderStatus> FINAL = java.util.EnumSet.of(OrderStatus.DELIVERED, OrderStatus.PICKED_UP,
            OrderStatus.CANCELLED, OrderStatus.FAILED);

    /** What {@link #anonymiseCustomer} did. */
    public record Anonymised(long orders, long keptForDelivery) {}

    /**
     * GDPR erasure: keeps amounts and statuses for the books, drops the delivery address and the checkout key. An
     * order out for delivery keeps its address until it is delivered (or cancelled): the courier needs it; it is marked
     * so that {@link #eraseAddressIfDue} drops it then.
     */
    public Anonymised anonymiseCustomer(String customerId) {
        Criteria mine = Criteria.where("customerId").is(customerId).and("anonymised").is(false);
        long kept = mongo.updateMulti(Query.query(new Criteria().andOperator(mine, Criteria.where("status").is(OrderStatus.OUT_FOR_DELIVERY.name()))),
                new Update().set("idempotencyKey", null).set(ERASE_ADDRESS_WHEN_DONE, true), OrderDocument.class).getModifiedCount();
        long done = mongo.updateMulti(Query.query(new Criteria().andOperator(mine, Criteria.where("status").ne(OrderStatus.OUT_FOR_DELIVERY.name()))),
                new Update().set("anonymised", true).set("delivery.address", null).set("idempotencyKey", null).unset(ERASE_ADDRESS_WHEN_DONE),
                OrderDocument.class).getModifiedCount();
        return new Anonymised(done, kept);
    }

    /** Drops the address of an erased customer's order that kept it for its delivery, once the order has ended. */
    public void eraseAddressIfDue(String orderId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId).and(ERASE_ADDRESS_WHEN_DONE).is(true)
                        .and("status").in(FINAL.stream().map(Enum::name).toList())),
                new Update().set("anonymised", true).set("delivery.address", null).unset(ERASE_ADDRESS_WHEN_DONE), OrderDocument.class);
    }

    private static final String ERASE_ADDRESS_WHEN_DONE = "eraseAddressWhenDone";

    static String topicOf(Message message) {
        return switch (message) {
            case CatalogCommand c -> Topics.CATALOG_COMMANDS;
            case WalletCommand w -> Topics.WALLET_COMMANDS;
            case OrderEvent e -> Topics.ORDER_EVENTS;
            default -> throw new IllegalArgumentException("orders does not send " + message.getClass().getSimpleName());
        };
    }
}
