package com.shopbff.catalog.product;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
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

    /** The ids of a category's products, on sale or withdrawn (a scan: category administration is rare). */
    public List<String> idsInCategory(String categoryId) {
        Query q = Query.query(Criteria.where("categoryId").is(categoryId));
        q.fields().include("_id");
        return mongo.find(q, Document.class, mongo.getCollectionName(ProductDocument.class)).stream()
                .map(d -> d.getString("_id")).toList();
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

    /**
     * The stock figures of a product as the storehouse decides on them, with only the given order's hold: on a popular
     * product {@code holds} has an entry per order in flight, and reading them all for every movement made each
     * movement slower the longer the queue (the array is matched by the server, {@code $elemMatch}, not sent).
     *
     * @param orderId the order whose hold and return matter, or null for none
     */
    public Optional<StockView> stockView(String id, String orderId) {
        Document projection = new Document("stock", 1).append("active", 1);
        if (orderId != null) {
            projection.append("holds", new Document("$elemMatch", new Document("orderId", orderId))).append("returns", 1);
        }
        Document d = products().find(new Document("_id", id)).projection(projection).first();
        if (d == null) return Optional.empty();
        Integer held = null;
        for (Document h : d.getList("holds", Document.class, List.of())) {
            if (orderId != null && orderId.equals(h.getString("orderId"))) held = h.getInteger("quantity");
        }
        boolean returned = orderId != null && d.getList("returns", String.class, List.of()).contains(orderId);
        return Optional.of(new StockView(id, d.getInteger("stock", 0), d.getBoolean("active", false), held, returned));
    }

    /** @param heldForOrder the quantity the asked-for order holds, or null; @param returnedForOrder its units were put back */
    public record StockView(String id, int stock, boolean active, Integer heldForOrder, boolean returnedForOrder) {}

    /**
     * The storehouse's compare-and-set: applies {@code update} (plain MongoDB operators, values already in BSON form)
     * only if the stock is still {@code observedStock} and {@code extraFilter} matches, bumping {@code version}.
     * Returns the product as written, without its holds, returns and outbox (the search index needs none of them),
     * or empty when someone changed the stock in between: read again and retry. The driver is used directly: the
     * mapping layer would map every key of this hot path against the entity for nothing.
     */
    public Optional<ProductDocument> compareAndSetStock(String id, int observedStock, Document extraFilter, Document update) {
        Document stockCondition = new Document("$eq", observedStock);
        if (extraFilter.get("stock") instanceof Document d) stockCondition.putAll(d);
        Document filter = new Document("_id", id).append("stock", stockCondition);
        extraFilter.forEach((k, v) -> { if (!k.equals("stock")) filter.append(k, v); });
        Document withVersion = new Document(update);
        Document inc = new Document(withVersion.get("$inc", new Document()));
        inc.append("version", 1);
        withVersion.put("$inc", inc);
        Document written = products().findOneAndUpdate(filter, withVersion, new FindOneAndUpdateOptions()
                .returnDocument(ReturnDocument.AFTER)
                .projection(new Document("holds", 0).append("returns", 0).append("outbox", 0)));
        return Optional.ofNullable(written).map(d -> mongo.getConverter().read(ProductDocument.class, d));
    }

    private MongoCollection<Document> products() {
        return mongo.getCollection(ProductDocument.COLLECTION);
    }

    /** Drops the record that an order's units were put back (see {@link ProductDocument#returns()}). */
    public void pullReturn(String productId, String orderId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(productId)), new Update().pull("returns", orderId), ProductDocument.class);
    }
}
