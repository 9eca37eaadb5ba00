package com.shopbff.support.mongo;

import java.util.ArrayList;
import java.util.List;

/**
 * The MongoDB indexes of one subgraph (or of a shared part), and the queries that deliberately run without one. A
 * subgraph declares it once, as a bean; {@link MongoIndexInitializer} creates the indexes at start-up, and the
 * subgraph's index coverage test checks every query its tests sent against them (each must be served by an index or
 * be listed in {@link #scans()}).
 *
 * @param owner   who declares them (a subgraph or a shared part), for logs and reports
 * @param indexes the indexes
 * @param scans   queries that read a whole collection on purpose
 */
public record MongoIndexes(String owner, List<MongoIndex> indexes, List<Scan> scans) {
    public MongoIndexes {
        indexes = List.copyOf(indexes);
        scans = List.copyOf(scans);
    }

    /**
     * A query allowed to run without an index.
     *
     * @param collection the collection
     * @param shape      the query's shape as the coverage test prints it (e.g. {@code find {} sort {name:1,_id:1}})
     * @param why        why a scan is right here (small collection, bounded admin report, start-up rebuild)
     */
    public record Scan(String collection, String shape, String why) {}

    public static Builder of(String owner) {
        return new Builder(owner);
    }

    public static final class Builder {
        private final String owner;
        private final List<MongoIndex> indexes = new ArrayList<>();
        private final List<Scan> scans = new ArrayList<>();

        private Builder(String owner) {
            this.owner = owner;
        }

        public Builder index(MongoIndex index) {
            indexes.add(index);
            return this;
        }

        public Builder scan(String collection, String shape, String why) {
            scans.add(new Scan(collection, shape, why));
            return this;
        }

        public MongoIndexes build() {
            return new MongoIndexes(owner, indexes, scans);
        }
    }
}
