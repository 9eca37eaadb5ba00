package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shared root fields returning an interface whose members own different fields (a corrupted-looking Node setup). Snapshot tests of the printed plan over {@code supergraphs/node.graphql}. */
class SharedRootAndNodePlanTest {
    private final PlanSupport plans = PlanSupport.load("node.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void fieldNoSubgraphCanResolveOnEveryPossibleTypeIsAPlanningError() {
        assertPlan("""
                { node(id: "a1") { id } }
                """, """
                QueryPlan {
                  Error("Cannot plan the operation: no subgraph can resolve Chat.id")
                  Fetch(service: "a") {
                    { node(id: "a1") { __typename ... on Account { id } } }
                  }
                }
                """);
    }

    @Test
    void typenameOnlyNeedsOneFetch() {
        assertPlan("""
                { account: node(id: "a1") { __typename } chat: node(id: "c1") { __typename } }
                """, """
                QueryPlan {
                  Fetch(service: "a") {
                    { account: node(id: "a1") { __typename } chat: node(id: "c1") { __typename } }
                  }
                }
                """);
    }

    @Test
    void sharedRootFieldGoesWhereTheRequestedTypeConditionsResolve() {
        assertPlan("""
                { account: node(id: "a1") { ... on Account { id username } } chat: node(id: "c1") { ... on Chat { id text } } }
                """, """
                QueryPlan {
                  Parallel {
                    Fetch(service: "a") {
                      { account: node(id: "a1") { __typename ... on Account { id username } } }
                    }
                    Fetch(service: "b") {
                      { chat: node(id: "c1") { __typename ... on Chat { id text } } }
                    }
                  }
                }
                """);
    }

    @Test
    void entityFieldOfTheOtherSubgraphIsJoinedByKey() {
        assertPlan("""
                { chat(id: "c1") { id text account { id } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "b") {
                      { chat(id: "c1") { id text __typename } }
                    }
                    Flatten(path: "chat") {
                      Fetch(service: "a") {
                        { ... on Chat { id } } =>
                        { ... on Chat { account { id } } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void entityListFieldOfTheOtherSubgraphIsJoinedByKey() {
        assertPlan("""
                { account(id: "a1") { id username chats { id } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "a") {
                      { account(id: "a1") { id username __typename } }
                    }
                    Flatten(path: "account") {
                      Fetch(service: "b") {
                        { ... on Account { id } } =>
                        { ... on Account { chats { id } } }
                      }
                    }
                  }
                }
                """);
    }
}
