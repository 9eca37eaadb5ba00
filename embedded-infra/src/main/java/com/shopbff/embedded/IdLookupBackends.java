package com.shopbff.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.UUID;

/**
 * mongo-java-server backends whose collections find a document by {@code _id} also when the query has more
 * conditions. The stock server uses its {@code _id} index only for a query on {@code _id} alone, so every conditional
 * single-document write of ours ({@code {_id, version}}, {@code {_id, status}}, {@code {_id, stock: {$gte: n}}}) scanned
 * the whole collection, a cost that grew with the data (orders, reservations, notifications). A real MongoDB uses the
 * {@code _id} index for these queries; this brings the embedded server in line. Top-level conditions are ANDed, so the
 * document with that {@code _id} is the only candidate; the whole query is still matched against it.
 */
final class IdLookupBackends {
    private IdLookupBackends() {}

    /** The {@code {_id: value}} part of a query with further conditions, when {@code _id} is a plain value; else null. */
    static Document idPart(Document query) {
        if (query.size() < 2) return null; // a query on _id alone already uses the index
        Object id = query.get("_id");
        boolean plain = id instanceof String || id instanceof Number || id instanceof ObjectId || id instanceof UUID
                || (id instanceof Document d && !d.isEmpty() && d.keySet().stream().noneMatch(k -> k.startsWith("$")));
        return plain ? new Document("_id", id) : null;
    }

    static <P> Iterable<P> positionsById(Document query, List<Index<P>> indexes) {
        Document byId = idPart(query);
        if (byId == null) return null;
        for (Index<P> index : indexes) {
            if (index.canHandle(byId)) return index.getPositions(byId);
        }
        return null;
    }

    /** In memory, for tests and benchmarks. */
    static final class Memory extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new MemoryDatabase(databaseName, getCursorRegistry()) {
                @Override
                protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                    return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                        @Override
                        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                                             Document fieldSelector) {
                            Iterable<Integer> byId = positionsById(query, getIndexes());
                            return byId != null ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, fieldSelector)
                                    : super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
                        }
                    };
                }
            };
        }
    }

    /** In an H2 MVStore file, for the local stack. The map names are those H2Database 1.47 uses, so data files stay compatible. */
    static final class H2 extends H2Backend {
        H2(String fileName) {
            super(fileName);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            MVStore store = getMvStore();
            CursorRegistry cursors = getCursorRegistry();
            return new H2Database(databaseName, store, cursors) {
                @Override
                protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                    String namespace = getFullCollectionNamespace(collectionName);
                    MVMap<Object, Document> data = store.openMap("databases." + namespace);
                    MVMap<String, Object> meta = store.openMap("meta." + namespace);
                    return new H2Collection(this, collectionName, options, data, meta, cursors) {
                        @Override
                        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                                             Document fieldSelector) {
                            Iterable<Object> byId = positionsById(query, getIndexes());
                            return byId != null ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, fieldSelector)
                                    : super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
                        }
                    };
                }
            };
        }
    }
}
