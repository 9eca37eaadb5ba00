package com.shopbff.router;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubgraphUrlOverridesTest {

    @Test
    void environmentVariablesNamedSubgraphUrlAreOverridesByUpperCaseName() {
        Map<String, String> env = Map.of(
                "SUBGRAPH_ORDERS_URL", "http://orders:4003/graphql",
                "SUBGRAPH_WALLET_URL", "  http://wallet:4004/graphql ",
                "SUBGRAPH_TIMEOUT_MS", "5000",
                "SUBGRAPH__URL", "http://nobody",
                "SUBGRAPH_EMPTY_URL", "");
        assertEquals(Map.of("ORDERS", "http://orders:4003/graphql", "WALLET", "http://wallet:4004/graphql"),
                RouterMain.subgraphUrlsFromEnvironment(env));
    }

    @Test
    void anOverrideKeyMatchesTheSubgraphNameOrItsEnvironmentForm() {
        List<String> names = List.of("orders", "order-history", "Wallet");
        assertEquals("orders", Router.graphNamed(names, "orders"));
        assertEquals("orders", Router.graphNamed(names, "ORDERS"));
        assertEquals("order-history", Router.graphNamed(names, "ORDER_HISTORY"));
        assertEquals("Wallet", Router.graphNamed(names, "WALLET"));
    }

    @Test
    void anOverrideForASubgraphTheSupergraphDoesNotHaveIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Router.graphNamed(List.of("orders"), "ORDRES"));
        assertTrue(e.getMessage().contains("ORDRES") && e.getMessage().contains("not a subgraph"), e.getMessage());
    }
}
