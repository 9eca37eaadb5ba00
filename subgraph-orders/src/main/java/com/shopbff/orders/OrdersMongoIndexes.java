package com.shopbff.orders;

import com.shopbff.support.mongo.MongoIndex;
import com.shopbff.support.mongo.MongoIndexes;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every MongoDB index the orders subgraph's queries need (created at start-up by the shared MongoIndexInitializer), and
 * the queries that read a whole collection on purpose. MongoIndexCoverageTest checks every query the module's tests
 * make the code send against this list.
 */
@Configuration(proxyBeanMethods = false)
public class OrdersMongoIndexes {

    @Bean
    MongoIndexes ordersIndexes() {
        return declared();
    }

    public static MongoIndexes declared() {
        return MongoIndexes.of("subgraph-orders")
                .index(MongoIndex.outboxSweep("orders"))
                .index(MongoIndex.on("orders", "customerId", 1, "placedAt", -1, "_id", -1).named("customer_placed")
                        .serving("a customer's orders newest first (myOrders, by status or dates), counts, stats, the orders data loader, erasure"))
                .index(MongoIndex.on("orders", "placedAt", -1, "_id", -1).named("placed")
                        .serving("the admin's order list newest first, order statistics over a period"))
                .index(MongoIndex.on("orders", "status", 1, "placedAt", -1, "_id", -1).named("status_placed")
                        .serving("the admin's order list by status"))
                .index(MongoIndex.on("orders", "status", 1, "stepDeadline", 1).named("status_step_deadline")
                        .serving("saga sweep: in-flight orders whose step timed out"))
                .index(MongoIndex.on("orders", "number", 1).named("number").asUnique()
                        .serving("an order by its number (numbers come from a counter: unique by construction, enforced here)"))
                .index(MongoIndex.on("carts", "updatedAt", 1).named("guest_updated")
                        .partial(new Document("guest", true))
                        .serving("the sweep of guest carts left alone longer than shop.orders.guest-cart-ttl (the code deletes them: "
                                + "the time is configuration)"))
                .scan("orders", "find {_id:exists}", "the admin's all-time order statistics read every order (an admin report; "
                        + "with a period it uses the placed index)")
                .scan("promo_codes", "find {} sort {_id:1}", "the admin's list of promo codes: a handful of documents, read in _id order")
                .build();
    }
}
