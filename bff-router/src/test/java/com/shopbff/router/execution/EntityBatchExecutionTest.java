package com.shopbff.router.execution;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Entity fetches of one stage to one subgraph go out as one request with one aliased {@code _entities} field per
 * fetch, so selections that GraphQL validation would refuse in one selection set (here {@code tags} has a
 * different shape on User and Product) never meet.
 */
class EntityBatchExecutionTest {
    @Test
    void fetchesForDifferentTypesOfOneSubgraphGoOutAsOneRequestWithAliasedEntitiesFields() {
        try (TestSubgraph a = TestSubgraph.builder("""
                type Query { users: [User] products: [Product] }
                type User { id: ID! }
                type Product { id: ID! }
                """)
                .query("users", List.of(Map.of("id", "u1")))
                .query("products", List.of(Map.of("id", "p1")))
                .start();
             TestSubgraph s = TestSubgraph.builder("""
                     type Query { _unused: Int }
                     type User { id: ID! tags: [String] }
                     type Product { id: ID! tags: [String]! }
                     """)
                     .entity("User", rep -> Map.of("id", rep.get("id"), "tags", List.of("u")))
                     .entity("Product", rep -> Map.of("id", rep.get("id"), "tags", List.of("p")))
                     .start();
             Router router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/combine-conflict.graphql"), 0)
                     .withSubgraphUrls(Map.of("a", a.url(), "s", s.url())))) {
            RouterClient.Result r = new RouterClient(router.port()).post("{ users { tags } products { tags } }");
            assertEquals("""
                    {"data":{"users":[{"tags":["u"]}],"products":[{"tags":["p"]}]}}""", r.body());
            assertEquals(1, s.requests.size(), "one batched request: " + s.requests);
            assertEquals("query($representations0: [_Any!]!, $representations1: [_Any!]!) { "
                    + "_0: _entities(representations: $representations0) { ... on User { tags } } "
                    + "_1: _entities(representations: $representations1) { ... on Product { tags } } }",
                    s.requests.get(0).get("query"));
        }
    }
}
