package com.shopbff.router.execution;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Mutation root fields run one after another, in request order, across subgraphs. */
class MutationOrderTest {
    static final List<String> calls = new CopyOnWriteArrayList<>();
    static TestSubgraph a;
    static TestSubgraph b;
    static Router router;

    @BeforeAll
    static void start() {
        a = TestSubgraph.builder("""
                type Query { count: Int }
                type Mutation { add(n: Int!): Counter double: Counter }
                type Counter { id: ID! value: Int }
                """)
                .mutation("add", env -> {
                    calls.add("a.add(" + env.getArgument("n") + ")");
                    return Map.of("id", "c", "value", env.<Integer>getArgument("n"));
                })
                .entityTable("Counter", "id", List.of(Map.of("id", "c")))
                .start();
        b = TestSubgraph.builder("""
                type Query { _b: Int }
                type Mutation { log(message: String!): Entry }
                type Entry { message: String }
                type Counter { id: ID! history: [Entry!] }
                """)
                .mutation("log", env -> {
                    calls.add("b.log(" + env.getArgument("message") + ")");
                    return Map.of("message", env.getArgument("message"));
                })
                .entity("Counter", rep -> Map.of("id", rep.get("id"), "history", List.of(Map.of("message", "h"))))
                .start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/mutations.graphql"), 0)
                .withSubgraphUrls(Map.of("a", a.url(), "b", b.url())));
    }

    @AfterAll
    static void stop() {
        router.close();
        a.close();
        b.close();
    }

    @Test
    void mutationFieldsExecuteInRequestOrderAcrossSubgraphsWithTheirEntityFetchesInBetween() {
        RouterClient.Result r = new RouterClient(router.port()).post("""
                mutation { one: add(n: 1) { value history { message } } l: log(message: "x") { message } two: add(n: 2) { value } }""");
        assertEquals("""
                {"data":{"one":{"value":1,"history":[{"message":"h"}]},"l":{"message":"x"},"two":{"value":2}}}""",
                r.body());
        assertEquals(List.of("a.add(1)", "b.log(x)", "a.add(2)"), calls);
    }
}
