package com.shopbff.support.testing.mongo;

import com.shopbff.support.mongo.MongoIndexes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query a subgraph's code sent to MongoDB during its module's tests is served by one of its declared indexes
 * (or is a declared scan). Implement it in a subgraph module with {@code @Order(Integer.MAX_VALUE)} so it runs after
 * the module's other test classes (the build orders classes by {@code @Order}): the queries are the ones those tests
 * made the code send, recorded by {@link QueryShapeRecorder}. Prints, per collection, each query shape, where in the
 * code it comes from and the index that serves it, also to {@code target/mongo-index-coverage.txt}.
 */
public abstract class IndexCoverageContract {

    /** The subgraph's declared indexes (those it creates at start-up), including the shared ones it uses. */
    protected abstract List<MongoIndexes> declaredIndexes();

    @Test
    void everyQueryTheCodeSentIsServedByAnIndexOrIsADeclaredScan() {
        var recorded = QueryShapeRecorder.INSTANCE.recorded();
        Assumptions.assumeFalse(recorded.isEmpty(),
                "no query was recorded: this test checks the queries of the module's other tests, run it with them");
        IndexCoverage coverage = new IndexCoverage(declaredIndexes());
        Map<String, List<QueryShapeRecorder.Recorded>> byCollection = recorded.stream()
                .collect(Collectors.groupingBy(r -> r.shape().collection(), TreeMap::new, Collectors.toList()));
        StringBuilder report = new StringBuilder();
        List<String> unserved = new java.util.ArrayList<>();
        byCollection.forEach((collection, rs) -> {
            report.append(collection).append('\n');
            rs.stream().sorted(Comparator.comparing(r -> r.shape().text())).forEach(r -> {
                IndexCoverage.Verdict v = coverage.verdict(r.shape());
                report.append(String.format("  %-90s -> %s%n      from %s (%d times)%n", r.shape().text(), v.describe(),
                        String.join(", ", new java.util.TreeSet<>(r.callSites())), r.count().get()));
                if (!v.ok()) unserved.add(collection + ": " + r.shape().text() + "  (from " + r.callSites() + ")");
            });
        });
        System.out.println("MongoDB queries and the indexes that serve them:\n" + report);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/mongo-index-coverage.txt"), report.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(unserved).as("queries without an index (declare one in the subgraph's MongoIndexes, or a Scan with the reason)")
                .isEmpty();
    }
}
