package com.shopbff.orders.projection;

import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.contracts.CatalogEvent;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.ProcessedMessages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.springframework.kafka.annotation.KafkaListener;

import java.time.Instant;

/**
 * Keeps the projections of catalog and customer events. Every handler is a plain overwrite by key (upsert with the
 * values the event carries), so a redelivered event changes nothing; events of one product or customer arrive in
 * order because they share a Kafka key.
 */
@Component
public class ProjectionListener {
    static final String CONSUMER = "orders-projections";
    private final MongoTemplate mongo;
    private final ProcessedMessages processed;

    public ProjectionListener(MongoTemplate mongo, ProcessedMessages processed) {
        this.mongo = mongo;
        this.processed = processed;
    }

    @KafkaListener(id = "orders-projections", groupId = "${spring.kafka.consumer.group-id:subgraph-orders}-projections",
            topics = {Topics.CATALOG_EVENTS, Topics.CUSTOMER_EVENTS})
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        Envelope<Message> envelope = InboundMessages.decode(record).orElse(null);
        if (envelope == null) return;
        if (processed.alreadyProcessed(CONSUMER, envelope.eventId())) return;
        apply(envelope.payload(), envelope.occurredAt());
        processed.markProcessed(CONSUMER, envelope.eventId());
    }

    void apply(Message message, Instant at) {
        switch (message) {
            case CatalogEvent.ProductChanged p -> mongo.upsert(byId(p.productId()), new Update().set("name", p.name())
                    .set("priceMinor", p.priceMinor()).set("currency", p.currency()).set("active", p.active())
                    .set("stock", p.stock()).set("taxClass", p.taxClass()).set("updatedAt", at), ProductView.class);
            // A StockChanged for a product not seen yet creates a stub that is not on sale until its ProductChanged.
            case CatalogEvent.StockChanged s -> mongo.upsert(byId(s.productId()), new Update().set("stock", s.stock())
                    .setOnInsert("active", false).setOnInsert("priceMinor", 0L).set("updatedAt", at), ProductView.class);
            case CatalogEvent.PickupPointChanged p -> mongo.upsert(byId(p.pickupPointId()), new Update().set("name", p.name())
                    .set("line1", p.line1()).set("line2", p.line2()).set("city", p.city()).set("postalCode", p.postalCode())
                    .set("country", p.country()).set("active", p.active()), PickupPointView.class);
            case CustomerEvent.AddressBookChanged a -> mongo.upsert(byId(a.customerId()), new Update().set("addresses",
                    a.addresses().stream().map(x -> new AddressBookView.SavedAddress(x.id(), x.line1(), x.line2(), x.city(),
                            x.postalCode(), x.country())).toList()), AddressBookView.class);
            case CustomerEvent.CustomerRegistered r -> {
                // null: a message from before verification existed; such an account counts as verified (no view)
                if (r.emailVerified() != null) {
                    mongo.upsert(byId(r.customerId()), new Update().set("emailVerified", r.emailVerified()), AccountView.class);
                }
            }
            case CustomerEvent.EmailVerified v -> mongo.upsert(byId(v.customerId()), new Update().set("emailVerified", true), AccountView.class);
            // Here, in order with the customer's AddressBookChanged events; orders and cart: privacy.OrdersErasure.
            case CustomerEvent.CustomerDeleted d -> {
                mongo.remove(byId(d.customerId()), AddressBookView.class);
                mongo.remove(byId(d.customerId()), AccountView.class);
            }
            default -> { }
        }
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
