package com.shopbff.customer;

import com.shopbff.support.messaging.ProcessedMessages;
import com.shopbff.support.mongo.MongoIndexes;
import com.shopbff.support.testing.mongo.IndexCoverageContract;
import org.junit.jupiter.api.Order;

import java.time.Duration;
import java.util.List;

/** Runs after the module's other tests (highest @Order) and checks the queries they made the code send. */
@Order(Integer.MAX_VALUE)
class MongoIndexCoverageTest extends IndexCoverageContract {
    @Override
    protected List<MongoIndexes> declaredIndexes() {
        return List.of(CustomerMongoIndexes.declared(), ProcessedMessages.indexes(Duration.ofDays(14)));
    }
}
