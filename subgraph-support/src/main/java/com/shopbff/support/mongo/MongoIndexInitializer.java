package com.shopbff.support.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Creates the declared {@link MongoIndexes} at start-up, before the Kafka listeners and the web server start.
 * {@code createIndexes} is idempotent: an index that exists with the same definition is left alone, so every instance
 * runs this on every start. An index that exists under the same name with another definition (code 85/86) is not
 * replaced automatically (dropping an index under load is an operator's decision): it is logged as an error with the
 * command that fixes it, and the application starts. The embedded MongoDB-wire server accepts the command and keeps
 * only the {@code _id} and unique indexes (it has no other secondary indexes, partial filters or TTL deletion), which
 * is fine: the code does not need an index for correctness, only for speed, and uniqueness it relies on is by
 * {@code _id}.
 */
public class MongoIndexInitializer implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(MongoIndexInitializer.class);

    private final MongoTemplate mongo;
    private final List<MongoIndexes> declared;
    private final boolean enabled;

    public MongoIndexInitializer(MongoTemplate mongo, List<MongoIndexes> declared, boolean enabled) {
        this.mongo = mongo;
        this.declared = List.copyOf(declared);
        this.enabled = enabled;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (enabled) createAll();
    }

    /** Creates every declared index; returns how many were asked for. */
    public int createAll() {
        Map<String, List<MongoIndex>> byCollection = new LinkedHashMap<>();
        for (MongoIndexes d : declared) {
            for (MongoIndex i : d.indexes()) byCollection.computeIfAbsent(i.collection(), c -> new ArrayList<>()).add(i);
        }
        int count = 0;
        for (var e : byCollection.entrySet()) {
            for (MongoIndex index : e.getValue()) {
                try {
                    mongo.getCollection(e.getKey()).createIndexes(List.of(model(index)));
                    count++;
                } catch (MongoCommandException ex) {
                    if (ex.getErrorCode() == 85 || ex.getErrorCode() == 86) {
                        log.error("MongoDB index {}.{} exists with another definition ({}); drop it so the next start creates the new one: "
                                + "db.{}.dropIndex(\"{}\")", e.getKey(), index.name(), ex.getErrorMessage(), e.getKey(), index.name());
                    } else {
                        log.error("could not create MongoDB index {}.{}: {}", e.getKey(), index.name(), ex.getErrorMessage());
                    }
                } catch (RuntimeException ex) {
                    log.error("could not create MongoDB index {}.{}: {}", e.getKey(), index.name(), ex.getMessage());
                }
            }
        }
        log.info("MongoDB indexes ensured: {} on {} collections of database {}", count, byCollection.size(), mongo.getDb().getName());
        return count;
    }

    static IndexModel model(MongoIndex index) {
        IndexOptions options = new IndexOptions().name(index.name()).unique(index.unique());
        if (index.partialFilter() != null) options.partialFilterExpression(index.partialFilter());
        if (index.expireAfter() != null) options.expireAfter(index.expireAfter().toSeconds(), TimeUnit.SECONDS);
        return new IndexModel(index.keys(), options);
    }
}
