package com.shopbff.customer.account;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** The {@code customers} collection; every write is one single-document (atomic) operation. */
@Repository
public class CustomerRepository {
    private final MongoTemplate mongo;

    public CustomerRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void insert(CustomerDocument doc) {
        mongo.insert(doc);
    }

    /** A live (not erased) account. */
    public Optional<CustomerDocument> find(String id) {
        CustomerDocument doc = mongo.findById(id, CustomerDocument.class);
        return doc == null || doc.deleted() ? Optional.empty() : Optional.of(doc);
    }

    /** Live accounts with these ids, in one query. */
    public List<CustomerDocument> findAll(Collection<String> ids) {
        return mongo.find(Query.query(where("_id").in(ids).and("deleted").ne(true)), CustomerDocument.class);
    }

    /** Accounts with these ids, erased ones (tombstones) included, in one query (the batch behind {@code _entities}). */
    public List<CustomerDocument> findAllIncludingErased(Collection<String> ids) {
        return mongo.find(Query.query(where("_id").in(ids)), CustomerDocument.class);
    }

    /** The account, live or erased (tombstone). */
    public Optional<CustomerDocument> findIncludingErased(String id) {
        return Optional.ofNullable(mongo.findById(id, CustomerDocument.class));
    }

    /**
     * Applies {@code update} when the document is still at {@code version}, bumping the version.
     * @return false when someone else changed it in between (the caller re-reads and retries)
     */
    public boolean updateIfVersion(String id, long version, Update update) {
        update.inc("version", 1);
        return mongo.updateFirst(Query.query(where("_id").is(id).and("version").is(version).and("deleted").ne(true)),
                update, CustomerDocument.class).getModifiedCount() == 1;
    }

    public void update(String id, Update update) {
        mongo.updateFirst(Query.query(where("_id").is(id)), update, CustomerDocument.class);
    }

    /** Removes an erased account's tombstone once its outbox is empty. */
    public long removeSentTombstones() {
        // by collection name, not entity class: mapping "outbox.0" to a property made Spring Data throw (and catch) a
        // PropertyReferenceException on every sweep
        return mongo.remove(Query.query(where("deleted").is(true).and("outbox.0").exists(false)), CustomerDocument.COLLECTION)
                .getDeletedCount();
    }

    /** A page of live accounts ordered by lower-cased email, optionally filtered by a substring of email or name. */
    public List<CustomerDocument> page(String search, String afterEmailLower, int limit) {
        Query q = Query.query(filter(search));
        if (afterEmailLower != null) q.addCriteria(where("emailLower").gt(afterEmailLower));
        return mongo.find(q.with(Sort.by("emailLower")).limit(limit), CustomerDocument.class);
    }

    public long count(String search) {
        return mongo.count(Query.query(filter(search)), CustomerDocument.class);
    }

    private static Criteria filter(String search) {
        Criteria c = where("deleted").ne(true);
        if (search != null && !search.isBlank()) {
            String quoted = Pattern.quote(search.trim());
            c = c.orOperator(where("emailLower").regex(Pattern.quote(search.trim().toLowerCase(java.util.Locale.ROOT))),
                    where("name").regex(quoted, "i"));
        }
        return c;
    }
}
