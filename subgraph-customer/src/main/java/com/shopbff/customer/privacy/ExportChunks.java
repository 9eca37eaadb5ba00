package com.shopbff.customer.privacy;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.Date;
import java.util.LinkedHashMap;

import java.util.Map;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The parts of data exports as they come, collection {@code data_export_chunks}: one document per chunk,
 * {@code _id = <export id>:<source>:<n>} (a redelivered chunk overwrites itself). Personal data: deleted when the
 * export expires or fails, or the customer is erased.
 */
@Repository
public class ExportChunks {
    static final String COLLECTION = "data_export_chunks";
    private final MongoTemplate mongo;

    public ExportChunks(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void save(String exportId, String customerId, String source, int chunk, String data) {
        mongo.upsert(Query.query(where("_id").is(exportId + ":" + source + ":" + chunk)),
                new Update().set("exportId", exportId).set("customerId", customerId).set("source", source).set("chunk", chunk)
                        .set("data", data).set("receivedAt", new Date()), COLLECTION);
    }

    /** Each source's part of the export: its chunks joined in order (a JSON text). */
    public Map<String, String> parts(String exportId) {
        Map<String, StringBuilder> parts = new LinkedHashMap<>();
        for (Document d : mongo.find(Query.query(where("exportId").is(exportId)).with(Sort.by("source", "chunk")), Document.class, COLLECTION)) {
            parts.computeIfAbsent(d.getString("source"), s -> new StringBuilder()).append(d.getString("data"));
        }
        Map<String, String> joined = new LinkedHashMap<>();
        parts.forEach((k, v) -> joined.put(k, v.toString()));
        return joined;
    }

    public void deleteExport(String exportId) {
        mongo.remove(Query.query(where("exportId").is(exportId)), COLLECTION);
    }

    public long deleteByCustomer(String customerId) {
        return mongo.remove(Query.query(where("customerId").is(customerId)), COLLECTION).getDeletedCount();
    }

}
