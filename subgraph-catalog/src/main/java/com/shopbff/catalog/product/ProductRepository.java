package com.shopbff.catalog.product;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Products in MongoDB. Every change of a product is one single-document update, with its events in the outbox. */
@Repository
public class ProductRepository {
    private final MongoTemplate mongo;

    public ProductRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void insert(ProductDocument product) {
        mongo.insert(product);
    }

    public Optional<ProductDocument> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, ProductDocument.class));
    }

    /** One query for a whole batch (federation {@code _entities}, data loaders). */
    public List<ProductDocument> findByIds(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), ProductDocument.class);
    }

    public long count() {
        return mongo.estimatedCount(ProductDocument.class);
    }

    /** Streams every active product (index rebuild), without loading them all at once. */
    public void forEachActive(Consumer<ProductDocument> action) {
        try (var stream = mongo.stream(Query.query(Criteria.where("active").is(true)), ProductDocument.class)) {
            stream.forEach(action);
        }
    }

    /**
     * Applies {@code update} only if the product still has the stock value that was {@code observed} (and matches
     * {@code extraFilter}). Matching the observed value makes the stock carried by the event in the same update
     * exact; a caller that takes stock also passes {@code stock: {$gte: n}}, so the database itself refuses to go
     * below zero. Returns the product as written, or empty when someone else changed it in between: read again
     * and retry.
     */
    public Optional<ProductDocument> compareAndUpdate(ProductDocument observed, Document extraFilter, Update update) {
        Document stockCondition = new Document("$eq", observed.stock());
        Document filter = new Document("_id", observed.id());
        Object extraStock = extraFilter.get("stock");
        if (extraStock instanceof Document d) stockCondition.putAll(d);
        filter.append("stock", stockCondition);
        extraFilter.forEach((k, v) -> { if (!k.equals("stock")) filter.append(k, v); });
        return Optional.ofNullable(mongo.findAndModify(new BasicQuery(filter), update.inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), ProductDocument.class));
    }

    public MongoTemplate template() {
        return mongo;
    }
}
