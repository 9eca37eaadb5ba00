package com.shopbff.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
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

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * mongo-java-server backends brought in line with two guarantees of a real MongoDB that our code relies on.
 * <ol>
 *   <li><b>A read sees a document wholly before or wholly after a write.</b> The stock server applies an update
 *       field by field to the stored document object, under the collection's lock, while a read hands that same object
 *       to the wire encoder after the lock is released. A read racing a write could pair fields from before with
 *       fields from after (the old balance with the new sequence number), and a compare-and-set on the sequence number
 *       then wrote a stale balance. Here every document leaving the collection is a copy taken under the lock; a write
 *       works on such a copy and stores it, so a stored document object is never changed once a read may hold it
 *       (see {@code EmbeddedBackendsTest}). The copy is shallow: an update never changes a nested value in place, it puts a
 *       new one.</li>
 *   <li><b>A query on {@code _id} plus further conditions uses the {@code _id} index.</b> The stock server uses it only
 *       for a query on {@code _id} alone, so every conditional single-document write of ours ({@code {_id, version}},
 *       {@code {_id, status}}, {@code {_id, stock: {$gte: n}}}) scanned the whole collection, a cost that grew with
 *       the data. Top-level conditions are ANDed, so the document with that {@code _id} is the only candidate; the
 *       whole query is still matched against it.</li>
 * </ol>
 * The subgraphs create the secondary indexes a real MongoDB needs at start-up; the stock server accepts them, keeps
 * them empty and logs a warning for each on every start. Here they are accepted quietly: a query here never needed one.
 */
final class EmbeddedBackends {
    private EmbeddedBackends() {}

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

    /** Copies of matched documents; called under the collection's lock, for reads and for the reads of a write. */
    static List<Document> snapshots(List<Document> documents) {
        List<Document> copies = new ArrayList<>(documents.size());
        for (Document d : documents) copies.add(new Document(d));
        return copies;
    }

    /** In memory, for tests and benchmarks. */
    static final class Memory extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new MemoryDatabase(databaseName, getCursorRegistry()) {
                @Override
                protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
                    return new EmptyIndex<>(indexName, keys);
                }

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

                        @Override
                        protected QueryResult createQueryResult(List<Document> matched, int batchSize) {
                            return super.createQueryResult(snapshots(matched), batchSize);
                        }

                        /**
                         * The stock memory collection needs no store step: it updated the stored object itself. Now the
                         * update was made on a copy, so it is stored here, under the lock; no read holds the stored
                         * object (reads get copies).
                         */
                        @Override
                        protected void handleUpdate(Integer position, Document before, Document updated) {
                            Document stored = getDocument(position);
                            if (stored == updated) return;
                            stored.clear();
                            stored.putAll(updated);
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
                protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
                    return new EmptyIndex<>(indexName, keys);
                }

                @Override
                protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                    String namespace = getFullCollectionNamespace(collectionName);
                    MVMap<Object, Document> data = store.openMap("databases." + namespace);
                    MVMap<String, Object> meta = store.openMap("meta." + namespace);
                    // handleUpdate stores the updated copy under its key (the stock H2 collection puts it back already)
                    return new H2Collection(this, collectionName, options, data, meta, cursors) {
                        @Override
                        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                                             Document fieldSelector) {
                            Iterable<Object> byId = positionsById(query, getIndexes());
                            return byId != null ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, fieldSelector)
                                    : super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
                        }

                        @Override
                        protected QueryResult createQueryResult(List<Document> matched, int batchSize) {
                            return super.createQueryResult(snapshots(matched), batchSize);
                        }
                    };
                }
            };
        }
    }
}
