package com.shopbff.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The wallet subgraph as a separate child JVM started from its {@code -exec.jar}, so a fault test can crash it for
 * real: {@link #kill()} is SIGKILL (no shutdown hook, no graceful Kafka consumer close, no outbox flush).
 */
public final class WalletProcess implements AutoCloseable {
    private final Path jar;
    private final List<String> args;
    private final int port;
    private final Path logDir;
    private Process process;
    private int starts;

    public WalletProcess(Path jar, List<String> args, int port, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("wallet exec jar not found at " + jar + " (build it: mvn -pl subgraph-wallet package)");
        }
        this.jar = jar;
        this.args = args;
        this.port = port;
        this.logDir = logDir;
    }

    /** Starts the JVM and waits until its actuator health answers 200. */
    public synchronized void start() {
        if (process != null && process.isAlive()) return;
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        cmd.addAll(args);
        File log = logDir.resolve("wallet-" + (++starts) + ".log").toFile();
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(log);
    }

    /** SIGKILL, then waits until the process is gone. */
    public synchronized void kill() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitHealthy(File log) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("the wallet JVM exited; see " + log);
            try {
                if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException ignored) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the wallet JVM did not become healthy in time; see " + log);
    }

    @Override
    public void close() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
