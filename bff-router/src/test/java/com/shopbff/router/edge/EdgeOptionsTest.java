package com.shopbff.router.edge;

import com.shopbff.router.edge.persisted.PersistedConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The standalone switches: environment, flags winning over it, the production profile, and clear errors. */
class EdgeOptionsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        EdgeConfig c = EdgeOptions.from(Map.of(), Map.of());
        assertEquals(EdgeConfig.DEFAULTS, c);
        assertEquals(50_000, c.cost().max());
        assertTrue(c.explorer().introspection() && c.explorer().graphiql());
        assertFalse(c.rateLimit().enabled());
        assertFalse(c.batching().enabled());
    }

    @Test
    void environmentSetsSwitchesAndFlagsWin() {
        EdgeConfig c = EdgeOptions.from(Map.of("ROUTER_CORS_ORIGINS", "http://a.example, http://b.example",
                "ROUTER_COST_MAX", "500", "ROUTER_BATCHING", "true"), Map.of("cost-max", "700", "rate-limit-client-rps", "5"));
        assertEquals(List.of("http://a.example", "http://b.example"), c.cors().origins());
        assertEquals(700, c.cost().max());
        assertTrue(c.batching().enabled());
        assertEquals(5, c.rateLimit().perClientRate());
        assertEquals(10, c.rateLimit().perClientBurst(), "burst defaults to twice the rate");
    }

    @Test
    void productionProfileSwitchesOffTheExplorerAndEnforcesAConfiguredManifest() {
        EdgeConfig c = EdgeOptions.from(Map.of("ROUTER_PROFILE", "production"), Map.of("trusted-documents", "m.json"));
        assertFalse(c.explorer().introspection());
        assertFalse(c.explorer().graphiql());
        assertEquals(50, c.rateLimit().perClientRate());
        assertEquals(20, c.rateLimit().maxConnectionsPerClient());
        assertEquals(Path.of("m.json"), c.persisted().manifest());
        assertEquals(PersistedConfig.Mode.ENFORCE, c.persisted().mode());
        EdgeConfig log = EdgeOptions.from(Map.of(), Map.of("profile", "production", "trusted-documents", "m.json",
                "trusted-documents-mode", "log", "introspection", "true"));
        assertEquals(PersistedConfig.Mode.LOG, log.persisted().mode());
        assertTrue(log.explorer().introspection());
        assertEquals(PersistedConfig.Mode.LOG, EdgeOptions.from(Map.of(), Map.of("trusted-documents", "m.json")).persisted().mode(),
                "dev: a manifest alone means log-only");
    }

    @Test
    void badValuesNameTheSwitch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdgeOptions.from(Map.of("ROUTER_COST_MAX", "lots"), Map.of()));
        assertTrue(e.getMessage().startsWith("ROUTER_COST_MAX"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdgeOptions.from(Map.of(), Map.of("cors-origins", "*",
                "cors-allow-credentials", "true")));
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EdgeOptions.from(Map.of(), Map.of("trusted-proxies", "10.0.0.0/99")));
        assertThrows(IllegalArgumentException.class, () -> EdgeOptions.from(Map.of(), Map.of("no-such-switch", "1")));
        assertThrows(IllegalArgumentException.class, () -> EdgeOptions.from(Map.of(), Map.of("profile", "staging")));
        assertThrows(IllegalArgumentException.class, () -> EdgeOptions.from(Map.of(), Map.of("trusted-documents-mode", "enforce")),
                "enforce without a manifest");
    }
}
