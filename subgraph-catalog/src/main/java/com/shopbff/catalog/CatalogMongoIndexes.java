package com.shopbff.catalog;

import com.shopbff.support.mongo.MongoIndex;
import com.shopbff.support.mongo.MongoIndexes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every MongoDB index the catalog subgraph's queries need (created at start-up by the shared MongoIndexInitializer), and
 * the queries that read a whole collection on purpose. MongoIndexCoverageTest checks every query the module's tests
 * make the code send against this list.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogMongoIndexes {

    @Bean
    MongoIndexes catalogIndexes() {
        return declared();
    }

    public static MongoIndexes declared() {
        return MongoIndexes.of("subgraph-catalog")
                .index(MongoIndex.outboxSweep("products"))
                .index(MongoIndex.outboxSweep("reservations"))
                .index(MongoIndex.outboxSweep("pickup_points"))
                .index(MongoIndex.on("reservation_deadlines", "expiresAt", 1).named("expires")
                        .serving("the expiry sweep: reservations whose hold ran out are released (the code acts on each, so no TTL)"))
                .index(MongoIndex.on("pickup_points", "active", 1, "name", 1, "_id", 1).named("active_name")
                        .serving("active pickup points by name"))
                .index(MongoIndex.on("products", "categoryId", 1).named("category")
                        .serving("the products of a category (a category with products cannot be removed; moves between categories)"))
                .scan("products", "find {active:eq}", "the search index is rebuilt at start-up from every active product: a full read "
                        + "by design, once per start")
                .scan("categories", "find {} sort {name:1,_id:1}", "every category, by name, for the menu: tens of documents")
                .build();
    }
}
