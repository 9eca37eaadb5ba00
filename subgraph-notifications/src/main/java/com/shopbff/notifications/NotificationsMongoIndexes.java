package com.shopbff.notifications;

import com.shopbff.support.mongo.MongoIndex;
import com.shopbff.support.mongo.MongoIndexes;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every MongoDB index the notifications subgraph's queries need (created at start-up by the shared MongoIndexInitializer), and
 * the queries that read a whole collection on purpose. MongoIndexCoverageTest checks every query the module's tests
 * make the code send against this list.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationsMongoIndexes {

    @Bean
    MongoIndexes notificationsIndexes() {
        return declared();
    }

    public static MongoIndexes declared() {
        return MongoIndexes.of("subgraph-notifications")
                .index(MongoIndex.outboxSweep("notifications"))
                .index(MongoIndex.on("notifications", "customerId", 1, "createdAt", -1, "_id", -1).named("customer_created")
                        .serving("a customer's notifications newest first (all or unread, paged), counts, mark all read, erasure"))
                .index(MongoIndex.on("notifications", "createdAt", 1).named("created")
                        .serving("the retention sweep deletes notifications older than shop.notifications.retention"))
                .index(MongoIndex.on("notifications", "nextDeliveryAt", 1).named("delivery_due")
                        .partial(new Document("pendingChannels.0", new Document("$exists", true)))
                        .serving("the delivery worker: notifications with a channel still to deliver, due first"))
                .index(MongoIndex.on("email_dead_letters", "customerId", 1).named("customer")
                        .serving("erasure of a customer's undeliverable e-mails"))
                .index(MongoIndex.on("log_dead_letters", "customerId", 1).named("customer")
                        .serving("erasure of a customer's undeliverable log-channel messages"))
                .index(MongoIndex.on("account_emails", "nextAttemptAt", 1).named("due")
                        .serving("the account e-mail sender: e-mails not finished whose next attempt is due, oldest first"))
                .index(MongoIndex.on("account_emails", "customerId", 1).named("customer")
                        .serving("erasure"))
                .build();
    }
}
