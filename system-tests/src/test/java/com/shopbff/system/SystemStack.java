package com.shopbff.system;

import com.shopbff.stack.LocalStack;
import com.shopbff.stack.StackSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * One shop per test JVM, shared by every system test class: embedded Kafka broker and in-memory MongoDB-wire
 * server, customer/catalog/orders/notifications subgraphs and the router in this JVM, and the wallet subgraph as
 * a child JVM (so it can be SIGKILLed). Tests isolate themselves by data (fresh customers and products).
 */
public final class SystemStack {
    private static SystemStack instance;

    public final LocalStack stack;
    public final WalletProcess wallet;
    public final Gql gql;
    public final Shop shop;

    private SystemStack(LocalStack stack, WalletProcess wallet) {
        this.stack = stack;
        this.wallet = wallet;
        this.gql = new Gql(stack.routerUrl());
        this.shop = new Shop(gql, stack);
    }

    public static synchronized SystemStack get() {
        if (instance == null) {
            long t0 = System.nanoTime();
            Path dir = tempDir();
            StackSettings settings = StackSettings.forTests(dir.resolve("data"), Path.of(System.getProperty("shop.supergraph", "../schema/supergraph.graphql")))
                    .withExternalSubgraphs(Set.of("wallet"));
            LocalStack stack = LocalStack.start(settings);
            WalletProcess wallet = new WalletProcess(walletJar(), stack.subgraphArgs("wallet"), settings.walletPort(), dir);
            try {
                wallet.start();
                awaitRouterReady(settings.routerPort());
            } catch (RuntimeException e) {
                wallet.close();
                stack.close();
                throw e;
            }
            instance = new SystemStack(stack, wallet);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                wallet.close();
                stack.close();
            }, "system-stack-stop"));
            System.out.printf("system stack ready in %.1f s (router %s, logs in %s)%n",
                    (System.nanoTime() - t0) / 1e9, stack.routerUrl(), dir);
        }
        return instance;
    }

    /** Waits until the router's /health answers 200 (it answers 503 while loading the supergraph). */
    public static void awaitRouterReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException ignored) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the router did not become ready");
    }

    private static Path walletJar() {
        String p = System.getProperty("shop.wallet.execJar");
        if (p != null) return Path.of(p);
        return Path.of("../subgraph-wallet/target/subgraph-wallet-0.1.0-SNAPSHOT-exec.jar");
    }

    private static Path tempDir() {
        try {
            Path target = Path.of("target");
            return Files.isDirectory(target) ? Files.createTempDirectory(target.toAbsolutePath(), "system-stack-")
                    : Files.createTempDirectory("system-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
