package com.shopbff.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local stack's settings, from the environment (see README, "Configuration"). When MONGODB_URI or
 * KAFKA_BOOTSTRAP_SERVERS is set, the embedded server for it is not started.
 *
 * @param inMemoryMongo     embedded MongoDB-wire server in memory instead of file-backed (tests)
 * @param externalSubgraphs subgraphs the stack does not start because the caller runs them (e.g. as child JVMs)
 * @param extraArgs         extra Spring arguments given to every subgraph (e.g. a shorter saga step timeout)
 */
public record StackSettings(Path dataDir, boolean fresh, String mongoUri, String kafkaBootstrap, int mongoPort, int kafkaPort,
                            int routerPort, int customerPort, int catalogPort, int ordersPort, int walletPort,
                            int notificationsPort, String adminEmail, String adminPassword, Path supergraph,
                            boolean inMemoryMongo, Set<String> externalSubgraphs, List<String> extraArgs) {

    public StackSettings {
        externalSubgraphs = Set.copyOf(externalSubgraphs);
        extraArgs = List.copyOf(extraArgs);
    }

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
                Path.of(env.getOrDefault("SUPERGRAPH_PATH", "schema/supergraph.graphql")),
                false, Set.of(), List.of());
    }

    /**
     * Settings for a stack inside a test JVM: fresh data in {@code dataDir}, in-memory MongoDB-wire server, free
     * ports for everything (so it never collides with a ./run.sh stack or another test JVM), the given supergraph.
     */
    public static StackSettings forTests(Path dataDir, Path supergraph) {
        return new StackSettings(dataDir, true, null, null, freePort(), 0, freePort(), freePort(), freePort(),
                freePort(), freePort(), freePort(), "admin@example.com", "admin12345", supergraph, true, Set.of(), List.of());
    }

    public StackSettings withExternalSubgraphs(Set<String> names) {
        return new StackSettings(dataDir, fresh, mongoUri, kafkaBootstrap, mongoPort, kafkaPort, routerPort, customerPort,
                catalogPort, ordersPort, walletPort, notificationsPort, adminEmail, adminPassword, supergraph,
                inMemoryMongo, names, extraArgs);
    }

    public StackSettings withExtraArgs(List<String> args) {
        return new StackSettings(dataDir, fresh, mongoUri, kafkaBootstrap, mongoPort, kafkaPort, routerPort, customerPort,
                catalogPort, ordersPort, walletPort, notificationsPort, adminEmail, adminPassword, supergraph,
                inMemoryMongo, externalSubgraphs, args);
    }

    /** The port of a subgraph by name. */
    public int subgraphPort(String name) {
        return switch (name) {
            case "customer" -> customerPort;
            case "catalog" -> catalogPort;
            case "orders" -> ordersPort;
            case "wallet" -> walletPort;
            case "notifications" -> notificationsPort;
            default -> throw new IllegalArgumentException("unknown subgraph " + name);
        };
    }

    /** The subgraph URLs for the router: the supergraph's defaults are ports 4001-4005, which may be overridden. */
    Map<String, String> subgraphUrls() {
        return Map.of(
                "customer", "http://localhost:" + customerPort + "/graphql",
                "catalog", "http://localhost:" + catalogPort + "/graphql",
                "orders", "http://localhost:" + ordersPort + "/graphql",
                "wallet", "http://localhost:" + walletPort + "/graphql",
                "notifications", "http://localhost:" + notificationsPort + "/graphql");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
