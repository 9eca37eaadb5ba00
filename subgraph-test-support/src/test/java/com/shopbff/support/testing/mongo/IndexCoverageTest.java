package com.shopbff.support.testing.mongo;

import com.shopbff.support.mongo.MongoIndex;
import com.shopbff.support.mongo.MongoIndexes;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Query shapes from real command documents (as the driver sends them) and the index that serves each. */
class IndexCoverageTest {
    private final IndexCoverage coverage = new IndexCoverage(List.of(MongoIndexes.of("test")
            .index(MongoIndex.on("orders", "customerId", 1, "placedAt", -1, "_id", -1).named("customer_placed"))
            .index(MongoIndex.on("orders", "placedAt", -1, "_id", -1).named("placed"))
            .index(MongoIndex.outboxSweep("orders"))
            .index(MongoIndex.on("customers", "emailLower", 1).named("email"))
            .scan("promo_codes", "find {} sort {_id:1}", "a handful of codes")
            .build()));

    private QueryShape shape(String command, String json) {
        List<QueryShape> shapes = QueryShape.of(command, BsonDocument.parse(json));
        assertThat(shapes).hasSize(1);
        return shapes.getFirst();
    }

    private String servedBy(QueryShape s) {
        return coverage.servedBy(s).orElse(null);
    }

    @Test
    void aConditionOnIdUsesTheIdIndexWhateverElseTheQuerySays() {
        QueryShape s = shape("update", "{update: 'orders', updates: [{q: {_id: 'o1', version: 3}, u: {$set: {a: 1}}}]}");
        assertThat(s.text()).isEqualTo("update {_id:eq, version:eq} limit");
        assertThat(servedBy(s)).isEqualTo("_id_");
    }

    @Test
    void aCompoundIndexServesAQueryOnItsFirstFieldWithItsSort() {
        QueryShape s = shape("find", "{find: 'orders', filter: {customerId: 'c1', status: {$in: ['PAID', 'CONFIRMED']}},"
                + " sort: {placedAt: -1, _id: -1}, limit: 21}");
        assertThat(s.text()).isEqualTo("find {customerId:eq, status:in} sort {placedAt:-1,_id:-1} limit");
        assertThat(servedBy(s)).isEqualTo("customer_placed");
    }

    @Test
    void ofSeveralIndexesThatCouldServeAQueryTheOneWhoseLeadingKeysNarrowItMostIsNamed() {
        IndexCoverage two = new IndexCoverage(List.of(MongoIndexes.of("test")
                .index(MongoIndex.on("orders", "status", 1, "placedAt", -1).named("status_placed"))
                .index(MongoIndex.on("orders", "status", 1, "stepDeadline", 1).named("status_deadline"))
                .build()));
        QueryShape overdue = shape("find", "{find: 'orders', filter: {status: {$in: ['PENDING']}, stepDeadline: {$lt: 5}}}");
        assertThat(two.servedBy(overdue)).contains("status_deadline");
    }

    @Test
    void aLimitedQueryWithoutANarrowingConditionIsServedByAnIndexInItsSortOrder() {
        assertThat(servedBy(shape("find", "{find: 'orders', filter: {_id: {$exists: true}}, sort: {placedAt: -1, _id: -1}, limit: 20}")))
                .isEqualTo("placed");
        assertThat(servedBy(shape("find", "{find: 'orders', filter: {_id: {$exists: true}}, sort: {placedAt: 1, _id: 1}, limit: 20}")))
                .as("the index read backwards").isEqualTo("placed");
        assertThat(servedBy(shape("find", "{find: 'orders', filter: {_id: {$exists: true}}, sort: {placedAt: -1, _id: 1}, limit: 20}")))
                .as("mixed directions the index does not have").isNull();
        assertThat(servedBy(shape("find", "{find: 'orders', filter: {_id: {$exists: true}}, sort: {placedAt: -1, _id: -1}}")))
                .as("without a limit the whole collection is read").isNull();
    }

    @Test
    void thePartialOutboxIndexServesTheSweepOnly() {
        assertThat(servedBy(shape("find", "{find: 'orders', filter: {'outbox.0': {$exists: true}}, projection: {_id: 1}}")))
                .isEqualTo("outbox_pending");
        assertThat(servedBy(shape("find", "{find: 'orders', filter: {'outbox.0': {$exists: false}}}"))).isNull();
    }

    @Test
    void anUnanchoredRegexOrANotEqualNeedsAScan() {
        assertThat(shape("count", "{count: 'customers', query: {emailLower: {$regex: 'ann', $options: ''}}}").text())
                .isEqualTo("count {emailLower:regex}");
        assertThat(servedBy(shape("count", "{count: 'customers', query: {emailLower: {$regex: 'ann', $options: ''}}}"))).isNull();
        assertThat(servedBy(shape("count", "{count: 'customers', query: {emailLower: {$regex: '^ann', $options: ''}}}"))).isEqualTo("email");
        assertThat(servedBy(shape("find", "{find: 'customers', filter: {emailLower: {$ne: 'x'}}}"))).isNull();
    }

    @Test
    void anOrIsServedWhenEveryBranchIs() {
        QueryShape both = shape("find", "{find: 'orders', filter: {$or: [{customerId: 'a', placedAt: {$gte: 1}}, {customerId: 'b'}]}}");
        assertThat(both.text()).isEqualTo("find {} $or[{customerId:eq, placedAt:range} | {customerId:eq}]");
        assertThat(servedBy(both)).isEqualTo("customer_placed (one per $or branch)");
        assertThat(servedBy(shape("find", "{find: 'orders', filter: {$or: [{customerId: 'a'}, {status: 'PAID'}]}}"))).isNull();
    }

    @Test
    void countsFromAnAggregationUseTheLeadingMatch() {
        QueryShape s = shape("aggregate", "{aggregate: 'orders', pipeline: [{$match: {customerId: 'c'}}, {$group: {_id: 1, n: {$sum: 1}}}], cursor: {}}");
        assertThat(s.text()).isEqualTo("aggregate {customerId:eq}");
        assertThat(servedBy(s)).isEqualTo("customer_placed");
    }

    @Test
    void aDeclaredScanIsAcceptedWithItsReasonAndAnUndeclaredOneIsNot() {
        IndexCoverage.Verdict declared = coverage.verdict(shape("find", "{find: 'promo_codes', filter: {}, sort: {_id: 1}}"));
        assertThat(declared.ok()).isTrue();
        assertThat(declared.describe()).contains("a handful of codes");
        assertThat(coverage.verdict(shape("find", "{find: 'promo_codes', filter: {active: true}}")).ok()).isFalse();
    }

    @Test
    void commandsWithoutAQueryHaveNoShape() {
        assertThat(QueryShape.of("insert", BsonDocument.parse("{insert: 'orders', documents: [{_id: 1}]}"))).isEmpty();
        assertThat(QueryShape.of("getMore", BsonDocument.parse("{getMore: 1, collection: 'orders'}"))).isEmpty();
    }

    @Test
    void anIndexModelCarriesTheDeclaredOptions() {
        MongoIndex ttl = MongoIndex.on("processed_messages", "at", 1).named("at_ttl").expireAfter(java.time.Duration.ofDays(14));
        assertThat(ttl.keys()).isEqualTo(new Document("at", 1));
        assertThat(ttl.expireAfter()).hasDays(14);
    }
}
