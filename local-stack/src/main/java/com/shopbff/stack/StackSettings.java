package com.shopbff.stack;

import java.nio.file.Path;
import java.util.Map;

/**
 * The local stack's settings, from the environment (see README, "Configuration"). When MONGODB_URI or
 * KAFKA_BOOTSTRAP_SERVERS is set, the embedded server for it is not started.
 */
record StackSettings(Path dataDir, boolean fresh, String mongoUri, String kafkaBootstrap, int mongoPort, int kafkaPort,
                     int routerPort, int customerPort, int catalogPort, int ordersPort, int walletPort,
                     int notificationsPort, String adminEmail, String adminPassword, Path supergraph) {

    static StackSettings from(Map<String, String> env, String[] args) {
        boolean fresh = "1".equals(env.get("FRESH")) || "true".equalsIgnoreCase(env.get("FRESH"));
        for (String a : args) if (a.equals("--fresh")) fresh = true;
        return new StackSettings(
                Path.of(env.getOrDefault("DATA_DIR", "data")),
                fresh,
                blankToNull(env.get("MONGODB_URI")),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                intOf(env, "EMBEDDED_MONGO_PORT", 27017),
                intOf(env, "EMBEDDED_KAFKA_PORT", 9092),
                intOf(env, "ROUTER_PORT", 4000),
                intOf(env, "CUSTOMER_PORT", 4001),
                intOf(env, "CATALOG_PORT", 4002),
                intOf(env, "ORDERS_PORT", 4003),
                intOf(env, "WALLET_PORT", 4004),
                intOf(env, "NOTIFICATIONS_PORT", 4005),
                env.getOrDefault("ADMIN_EMAIL", "admin@example.com"),
                env.getOrDefault("ADMIN_PASSWORD", "admin12345"),
                Path.of(env.getOrDefault("SUPERGRAPH_PATH", "schema/supergraph.graphql")));
    }

    /** The subgraph URLs for the router: the supergraph's defaults are ports 4001-4005, which may be overridden. */
    java.util.Map<String, String> subgraphUrls() {
        return java.util.Map.of(
                "customer", "http://localhost:" + customerPort + "/graphql",
                "catalog", "http://localhost:" + catalogPort + "/graphql",
                "orders", "http://localhost:" + ordersPort + "/graphql",
                "wallet", "http://localhost:" + walletPort + "/graphql",
                "notifications", "http://localhost:" + notificationsPort + "/graphql");
    }

    private static int intOf(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + v + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
