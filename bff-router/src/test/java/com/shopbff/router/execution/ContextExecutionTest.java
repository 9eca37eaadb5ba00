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
 * {@code @fromContext} against real HTTP subgraphs: each entity is fetched with the value its own ancestor gives
 * the argument; entities with different values go in separate requests.
 */
class ContextExecutionTest {
    @Test
    void eachCartIsPricedInItsOwnUsersCurrency() {
        List<Map<String, Object>> usersA = List.of(Map.of("id", "u1", "name", "Ada", "currency", "EUR"),
                Map.of("id", "u2", "name", "Bob", "currency", "USD"));
        try (TestSubgraph a = TestSubgraph.builder("""
                type Query { user: User! users: [User!]! }
                type User { id: ID! name: String! currency: String! }
                """).query("user", usersA.get(0)).query("users", usersA).entityTable("User", "id", usersA).start();
             TestSubgraph b = TestSubgraph.builder("""
                     type Query { _unused: Int }
                     type User { id: ID! currency: String! cart: Cart! }
                     type Cart { id: ID! total(currency: String): String! }
                     """)
                     .entity("User", rep -> Map.of("id", rep.get("id"), "currency", "EUR", "cart", Map.of("id", "c-" + rep.get("id"))))
                     .entity("Cart", rep -> Map.of("id", rep.get("id")))
                     .fetcher("Cart", "total", env -> "10 " + env.getArgument("currency"))
                     .start();
             Router router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/context.graphql"), 0)
                     .withSubgraphUrls(Map.of("a", a.url(), "b", b.url())))) {
            RouterClient client = new RouterClient(router.port());
            assertEquals("{\"data\":{\"user\":{\"name\":\"Ada\",\"cart\":{\"total\":\"10 EUR\"}}}}",
                    client.post("{ user { name cart { total } } }").body());
            b.requests.clear();
            assertEquals("{\"data\":{\"users\":[{\"cart\":{\"total\":\"10 EUR\"}},{\"cart\":{\"total\":\"10 USD\"}}]}}",
                    client.post("{ users { cart { total } } }").body());
            long cartRequests = b.requests.stream().filter(r -> String.valueOf(r.get("query")).contains("total")).count();
            assertEquals(2, cartRequests, "one request per currency: " + b.requests);
        }
    }
}
