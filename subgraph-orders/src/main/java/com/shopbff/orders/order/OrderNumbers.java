package com.shopbff.orders.order;

import com.shopbff.orders.config.OrdersProperties;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/** Human-readable order numbers, {@code SO-2026-000123}: one counter document per year, incremented atomically. */
@Component
public class OrderNumbers {
    static final String COLLECTION = "counters";
    private final MongoTemplate mongo;
    private final String prefix;

    public OrderNumbers(MongoTemplate mongo, OrdersProperties properties) {
        this.mongo = mongo;
        this.prefix = properties.numberPrefix();
    }

    public String next(Instant at) {
        int year = at.atZone(ZoneOffset.UTC).getYear();
        Document counter = mongo.findAndModify(Query.query(Criteria.where("_id").is("order-number-" + year)),
                new Update().inc("seq", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
        long seq = ((Number) counter.get("seq")).longValue();
        return String.format("%s-%d-%06d", prefix, year, seq);
    }
}
