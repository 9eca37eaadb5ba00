package com.shopbff.stack;

import com.shopbff.catalog.CatalogApplication;
import com.shopbff.contracts.Topics;
import com.shopbff.customer.CustomerApplication;
import com.shopbff.embedded.EmbeddedKafka;
import com.shopbff.embedded.EmbeddedMongo;
import com.shopbff.notifications.NotificationsApplication;
import com.shopbff.stack.logging.ServiceLabel;
import com.shopbff.stack.logging.StackLogging;
import com.shopbff.orders.OrdersApplication;
import com.shopbff.stack.web.WebClientServer;
import com.shopbff.stack.web.WebClientSettings;
import com.shopbff.support.SubgraphApplications;
import com.shopbff.wallet.WalletApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs the whole shop in one JVM: embedded MongoDB-wire server and Kafka broker (unless real ones are configured),
 * the five subgraphs (each its own Spring context on its own port) and the router. SIGTERM / Ctrl-C stops
 * everything in reverse order.
 *
 * <p>Also the handle system tests and benchmarks use ({@link #start(StackSettings)}): parts can be stopped and started
 * again on the same ports (a subgraph, the router, the broker) to inject faults.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** The subgraph names, in start order. */
    public static final List<String> SUBGRAPHS = List.of("customer", "catalog", "wallet", "orders", "notifications");

    private final StackSettings settings;
    private final Deque<AutoCloseable> infra = new ArrayDeque<>();
    private final Map<String, ConfigurableApplicationContext> subgraphs = new LinkedHashMap<>();
    private EmbeddedKafka broker;
    private EmbeddedMongo mongo;
    private String mongoUri;
    private String kafkaBootstrap;
    private AutoCloseable router;
    /** Spring arguments that make in-process subgraphs log through the stack's one logging configuration. */
    private List<String> loggingArgs = List.of();
    private volatile WebClientServer web;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        StackSettings settings = StackSettings.from(System.getenv(), args);
        WebClientSettings webSettings = WebClientSettings.from(System.getenv(), settings.routerPort());
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.startAll();
        } catch (Exception e) {
            log.error("the local stack failed to start: {}", e.getMessage(), e);
            System.exit(1);
        }
        String webLines = stack.startWebClients(webSettings);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("""

                ==========================================================================
                 Shop BFF is ready in %.1f s
                %s   GraphiQL (schema explorer):  http://localhost:%d/graphiql
                   GraphQL endpoint:            http://localhost:%d/graphql   (ws: same path)
                   Router health:               http://localhost:%d/health
                   Administrator:               %s / %s
                 Ctrl-C stops everything.
                ==========================================================================
                %n""", ms / 1000.0, webLines, settings.routerPort(), settings.routerPort(), settings.routerPort(),
                settings.adminEmail(), settings.adminPassword());
    }

    /**
     * Starts a stack and returns its handle; {@link #close()} stops everything. Subgraphs listed in
     * {@link StackSettings#externalSubgraphs()} are not started: the caller runs them (e.g. as child JVMs with
     * {@link #subgraphArgs(String)}).
     */
    public static LocalStack start(StackSettings settings) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll();
            return stack;
        } catch (Exception e) {
            stack.close();
            throw new IllegalStateException("the local stack failed to start: " + e.getMessage(), e);
        }
    }

    private void startAll() throws Exception {
        StackSettings s = settings;
        loggingArgs = List.of(StackLogging.initialize(System.getenv()));
        if (s.fresh()) deleteRecursively(s.dataDir());
        mongoUri = s.mongoUri();
        if (mongoUri == null) {
            mongo = ServiceLabel.callAs("embedded-mongo", () -> s.inMemoryMongo()
                    ? EmbeddedMongo.inMemory(s.mongoPort())
                    : EmbeddedMongo.fileBacked(s.dataDir().resolve("mongo").resolve("shop.mv"), s.mongoPort()));
            infra.push(mongo);
            mongoUri = mongo.connectionString();
        }
        kafkaBootstrap = s.kafkaBootstrap();
        if (kafkaBootstrap == null) {
            broker = ServiceLabel.callAs("embedded-kafka", () -> {
                EmbeddedKafka b = EmbeddedKafka.start(s.dataDir().resolve("kafka"), s.kafkaPort(), 3);
                infra.push(b);
                b.createTopics(Topics.ALL, 3);
                return b;
            });
            kafkaBootstrap = broker.bootstrapServers();
        }
        List<String> names = SUBGRAPHS.stream().filter(n -> !s.externalSubgraphs().contains(n)).toList();
        // Two at a time: the machine has two cores, and Spring contexts start mostly CPU-bound.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ConfigurableApplicationContext>> starting = names.stream()
                    .map(name -> pool.submit(() -> runSubgraph(name))).toList();
            for (int i = 0; i < names.size(); i++) {
                ConfigurableApplicationContext ctx = starting.get(i).get();
                synchronized (this) {
                    subgraphs.put(names.get(i), ctx);
                }
            }
        } finally {
            pool.shutdown();
        }
        startRouter();
    }

    /** Starts a subgraph in this JVM; the threads it creates carry its name into the log ({@link ServiceLabel}). */
    private ConfigurableApplicationContext runSubgraph(String name) throws Exception {
        List<String> args = new ArrayList<>(loggingArgs);
        args.addAll(subgraphArgs(name));
        return ServiceLabel.callAs("subgraph-" + name, () -> SubgraphApplications.builder(applicationClass(name), configName(name))
                .listeners(new SerialLoggingStartup()).run(args.toArray(String[]::new)));
    }

    /** The command-line arguments a subgraph gets in this stack (in-process or as a child JVM). */
    public List<String> subgraphArgs(String name) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.mongodb.uri=" + mongoUri,
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrap,
                "--shop.security.jwks-uri=" + jwksUrl(),
                "--shop.admin.email=" + settings.adminEmail(),
                "--shop.admin.password=" + settings.adminPassword(),
                "--shop.catalog.seed-demo=true",
                "--shop.data-dir=" + settings.dataDir().toAbsolutePath()));
        // the stack's account settings, unless the caller's extra arguments set the same keys (a repeated key would be joined)
        for (String a : AccountSettings.subgraphArgs(System.getenv())) {
            String key = a.substring(0, a.indexOf('=') + 1);
            if (settings.extraArgs().stream().noneMatch(x -> x.startsWith(key))) args.add(a);
        }
        args.addAll(settings.extraArgs());
        args.add("--server.port=" + settings.subgraphPort(name));
        return args;
    }

    /** Stops one in-process subgraph (its Spring context is closed: listeners stop, ports are released). */
    public void stopSubgraph(String name) {
        ConfigurableApplicationContext ctx;
        synchronized (this) {
            ctx = subgraphs.remove(name);
        }
        if (ctx == null) throw new IllegalStateException(name + " is not running in this stack");
        ctx.close();
    }

    /** Starts an in-process subgraph again on its port, with the same settings. */
    public void startSubgraph(String name) {
        synchronized (this) {
            if (subgraphs.containsKey(name)) throw new IllegalStateException(name + " is already running");
        }
        ConfigurableApplicationContext ctx;
        try {
            ctx = runSubgraph(name);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
        synchronized (this) {
            subgraphs.put(name, ctx);
        }
    }

    /** Stops the router: client HTTP requests and WebSockets are refused / closed until {@link #startRouter()}. */
    public synchronized void stopRouter() {
        if (router == null) return;
        try {
            router.close();
        } catch (Exception e) {
            log.warn("while stopping the router: {}", e.getMessage());
        }
        router = null;
    }

    /** Starts the router (again) on its port. */
    public synchronized void startRouter() {
        if (router != null) return;
        ServiceLabel.runAs("bff-router", () -> router = RouterLauncher.start(settings, jwksUrl(), kafkaBootstrap));
    }

    /**
     * Serves the web clients' build on their own port (another origin than the router's API). Without a build the
     * stack runs without them and says so. Returns the lines for the start-up banner.
     */
    private String startWebClients(WebClientSettings web) {
        try {
            this.web = ServiceLabel.callAs("web-clients", () -> WebClientServer.start(web));
        } catch (Exception e) {
            log.warn("web clients not served: {}", e.getMessage());
            return "   Web clients:                 not served (" + e.getMessage() + ")\n";
        }
        return "   Storefront:                  http://localhost:" + this.web.port() + "/\n"
                + "   Admin console:               http://localhost:" + this.web.port() + "/admin/\n";
    }

    /** The embedded broker, or null when the stack uses an external one. */
    public EmbeddedKafka broker() {
        return broker;
    }

    public String mongoUri() {
        return mongoUri;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public StackSettings settings() {
        return settings;
    }

    /** {@code http://localhost:PORT/graphql} of the router. */
    public String routerUrl() {
        return "http://localhost:" + settings.routerPort() + "/graphql";
    }

    private String jwksUrl() {
        return "http://localhost:" + settings.customerPort() + "/.well-known/jwks.json";
    }

    @Override
    public void close() {
        WebClientServer w = web;
        web = null;
        if (w != null) w.close();
        stopRouter();
        List<ConfigurableApplicationContext> contexts;
        synchronized (this) {
            contexts = new ArrayList<>(subgraphs.values());
            subgraphs.clear();
        }
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.getMessage());
            }
        }
        while (!infra.isEmpty()) {
            AutoCloseable c = infra.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.getMessage());
            }
        }
    }

    private static Class<?> applicationClass(String name) {
        return switch (name) {
            case "customer" -> CustomerApplication.class;
            case "catalog" -> CatalogApplication.class;
            case "wallet" -> WalletApplication.class;
            case "orders" -> OrdersApplication.class;
            case "notifications" -> NotificationsApplication.class;
            default -> throw new IllegalArgumentException("unknown subgraph " + name);
        };
    }

    private static String configName(String name) {
        return switch (name) {
            case "customer" -> CustomerApplication.CONFIG_NAME;
            case "catalog" -> CatalogApplication.CONFIG_NAME;
            case "wallet" -> WalletApplication.CONFIG_NAME;
            case "orders" -> OrdersApplication.CONFIG_NAME;
            case "notifications" -> NotificationsApplication.CONFIG_NAME;
            default -> throw new IllegalArgumentException("unknown subgraph " + name);
        };
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
