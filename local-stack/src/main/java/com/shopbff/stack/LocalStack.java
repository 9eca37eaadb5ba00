package com.shopbff.stack;

import com.shopbff.catalog.CatalogApplication;
import com.shopbff.contracts.Topics;
import com.shopbff.customer.CustomerApplication;
import com.shopbff.embedded.EmbeddedKafka;
import com.shopbff.embedded.EmbeddedMongo;
import com.shopbff.notifications.NotificationsApplication;
import com.shopbff.orders.OrdersApplication;
import com.shopbff.support.SubgraphApplications;
import com.shopbff.wallet.WalletApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs the whole shop in one JVM: embedded MongoDB-wire server and Kafka broker (unless real ones are configured),
 * the five subgraphs (each its own Spring context on its own port) and the router. SIGTERM / Ctrl-C stops
 * everything in reverse order.
 */
public final class LocalStack {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        StackSettings settings = StackSettings.from(System.getenv(), args);
        LocalStack stack = new LocalStack();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start(settings);
        } catch (Exception e) {
            log.error("the local stack failed to start: {}", e.getMessage(), e);
            System.exit(1);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("""

                ==========================================================================
                 Shop BFF is ready in %.1f s
                   GraphiQL (schema explorer):  http://localhost:%d/graphiql
                   GraphQL endpoint:            http://localhost:%d/graphql   (ws: same path)
                   Router health:               http://localhost:%d/health
                   Administrator:               %s / %s
                 Ctrl-C stops everything.
                ==========================================================================
                %n""", ms / 1000.0, settings.routerPort(), settings.routerPort(), settings.routerPort(),
                settings.adminEmail(), settings.adminPassword());
    }

    void start(StackSettings s) throws Exception {
        if (s.fresh()) deleteRecursively(s.dataDir());
        String mongoUri = s.mongoUri();
        if (mongoUri == null) {
            EmbeddedMongo mongo = EmbeddedMongo.fileBacked(s.dataDir().resolve("mongo").resolve("shop.mv"), s.mongoPort());
            running.push(mongo);
            mongoUri = mongo.connectionString();
        }
        String kafka = s.kafkaBootstrap();
        if (kafka == null) {
            EmbeddedKafka broker = EmbeddedKafka.start(s.dataDir().resolve("kafka"), s.kafkaPort(), 3);
            running.push(broker);
            broker.createTopics(Topics.ALL, 3);
            kafka = broker.bootstrapServers();
        }
        String jwks = "http://localhost:" + s.customerPort() + "/.well-known/jwks.json";
        List<String> common = List.of(
                "--spring.mongodb.uri=" + mongoUri,
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--shop.security.jwks-uri=" + jwks,
                "--shop.admin.email=" + s.adminEmail(),
                "--shop.admin.password=" + s.adminPassword(),
                "--shop.catalog.seed-demo=true",
                "--shop.data-dir=" + s.dataDir().toAbsolutePath());
        record App(Class<?> type, String config, int port) {}
        List<App> apps = List.of(
                new App(CustomerApplication.class, CustomerApplication.CONFIG_NAME, s.customerPort()),
                new App(CatalogApplication.class, CatalogApplication.CONFIG_NAME, s.catalogPort()),
                new App(WalletApplication.class, WalletApplication.CONFIG_NAME, s.walletPort()),
                new App(OrdersApplication.class, OrdersApplication.CONFIG_NAME, s.ordersPort()),
                new App(NotificationsApplication.class, NotificationsApplication.CONFIG_NAME, s.notificationsPort()));
        // Two at a time: the machine has two cores, and Spring contexts start mostly CPU-bound.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ConfigurableApplicationContext>> starting = apps.stream().map(app -> pool.submit(() -> {
                String[] args = Stream.concat(common.stream(), Stream.of("--server.port=" + app.port())).toArray(String[]::new);
                return SubgraphApplications.builder(app.type(), app.config()).run(args);
            })).toList();
            for (Future<ConfigurableApplicationContext> f : starting) {
                ConfigurableApplicationContext ctx = f.get();
                running.push(ctx::close);
            }
        } finally {
            pool.shutdown();
        }
        running.push(RouterLauncher.start(s, jwks));
    }

    void stop() {
        while (!running.isEmpty()) {
            AutoCloseable c = running.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.getMessage());
            }
        }
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
