package com.shopbff.system;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The subscription benchmark's clients, in a JVM of their own (started by {@link SubscriptionBenchmark}): thousands
 * of graphql-transport-ws sockets must not share the heap, GC pauses and CPU scheduling of the stack they measure,
 * or the stack's pauses show up as delivery latency twice and the clients' pauses as the stack's.
 * <p>
 * Commands arrive on stdin, one JSON object a line; each answer is one stdout line starting with {@code RESULT }:
 * <ul>
 *   <li>{@code {"cmd":"open","url":…,"query":…,"file":…}}: one socket per line of the file ({@code token TAB
 *       variables-json}), at most 200 handshakes at a time; answers {@code {"opened":n,"seconds":s}}; then one full collection
 *       (System.gc()), so that the sockets' long-lived state is not copied by a young collection while events are measured;</li>
 *   <li>{@code {"cmd":"collect","expected":n,"timeoutSeconds":s}}: waits until n events arrived in all (or the
 *       timeout), then half a second for late duplicates; answers every socket's events as
 *       {@code [status, orderId, event->arrival µs]} and what ended it early;</li>
 *   <li>{@code {"cmd":"close"}}: closes every socket; {@code {"cmd":"exit"}}.</li>
 * </ul>
 * For every event the latency is its arrival here minus the event's own {@code at} (same machine, same clock).
 */
public final class SubscriptionLoadClient {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
            .setConnectTimeout(30_000).setMaxMessageSize(1 << 20));
    private List<Client> clients = List.of();

    /** One socket with one subscription. */
    static final class Client {
        final List<JsonArray> events = new CopyOnWriteArrayList<>();
        final List<String> ends = new CopyOnWriteArrayList<>();
        volatile WebSocket ws;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // only answers on stdout
        SubscriptionLoadClient self = new SubscriptionLoadClient();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int status = 0;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                JsonObject cmd = new JsonObject(line);
                JsonObject answer;
                try {
                    answer = switch (cmd.getString("cmd")) {
                        case "open" -> self.open(cmd.getString("url"), cmd.getString("query"), Path.of(cmd.getString("file")));
                        case "collect" -> self.collect(cmd.getInteger("expected"), cmd.getInteger("timeoutSeconds"));
                        case "close" -> self.closeAll();
                        case "exit" -> null;
                        default -> new JsonObject().put("error", "unknown command " + cmd.getString("cmd"));
                    };
                } catch (Exception e) {
                    answer = new JsonObject().put("error", String.valueOf(e));
                }
                if (answer == null) break;
                out.println("RESULT " + answer.encode());
            }
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        } finally {
            self.vertx.close().await(10, TimeUnit.SECONDS);
        }
        System.exit(status);
    }

    private JsonObject open(String url, String query, Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        long t0 = System.nanoTime();
        Semaphore inFlight = new Semaphore(200);
        List<Future<Client>> fs = new ArrayList<>(lines.size());
        for (String line : lines) {
            int tab = line.indexOf('\t');
            inFlight.acquire();
            Future<Client> f = open(url, line.substring(0, tab), query, new JsonObject(line.substring(tab + 1)));
            f.onComplete(ar -> inFlight.release());
            fs.add(f);
        }
        List<Client> opened = new ArrayList<>(fs.size());
        for (Future<Client> f : fs) opened.add(f.await(60, TimeUnit.SECONDS));
        clients = opened;
        double seconds = (System.nanoTime() - t0) / 1e9;
        // the sockets' state is long-lived: collect it out of the young generation now, before events are measured, not in
        // the first young collection of the drive (it made the clients' longest pause, 154 ms, inside the lead's run)
        System.gc();
        return new JsonObject().put("opened", opened.size()).put("seconds", seconds);
    }

    private Future<Client> open(String url, String token, String query, JsonObject vars) {
        URI u = URI.create(url);
        Client c = new Client();
        Promise<Client> acked = Promise.promise();
        return client.connect(new WebSocketConnectOptions().setHost(u.getHost()).setPort(u.getPort()).setURI(u.getPath())
                .addSubProtocol("graphql-transport-ws")).compose(ws -> {
            c.ws = ws;
            ws.textMessageHandler(text -> {
                Instant arrived = Instant.now();
                JsonObject m = new JsonObject(text);
                switch (m.getString("type")) {
                    case "connection_ack" -> {
                        ws.writeTextMessage(new JsonObject().put("id", "1").put("type", "subscribe").put("payload",
                                new JsonObject().put("query", query).put("variables", vars)).encode());
                        acked.tryComplete(c);
                    }
                    case "next" -> {
                        JsonObject data = m.getJsonObject("payload").getJsonObject("data");
                        JsonObject ev = data == null ? null : data.getJsonObject("orderStatusChanged");
                        if (ev == null) {
                            c.ends.add(text); // a payload with errors and no data is not an event
                            return;
                        }
                        Instant at = OffsetDateTime.parse(ev.getString("at")).toInstant();
                        c.events.add(new JsonArray().add(ev.getString("status")).add(ev.getJsonObject("order").getString("id"))
                                .add(Duration.between(at, arrived).toNanos() / 1000));
                    }
                    case "ping" -> ws.writeTextMessage("{\"type\":\"pong\"}");
                    case "error", "complete" -> c.ends.add(text);
                    default -> { }
                }
            });
            ws.closeHandler(v -> {
                c.ends.add("closed " + ws.closeStatusCode());
                acked.tryFail("closed " + ws.closeStatusCode());
            });
            ws.writeTextMessage(new JsonObject().put("type", "connection_init")
                    .put("payload", new JsonObject().put("Authorization", "Bearer " + token)).encode());
            return acked.future();
        });
    }

    private JsonObject collect(int expected, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (clients.stream().mapToInt(c -> c.events.size()).sum() < expected && System.nanoTime() < deadline) Thread.sleep(100);
        Thread.sleep(500); // late duplicates would show
        JsonArray all = new JsonArray();
        for (Client c : clients) all.add(new JsonObject().put("events", new JsonArray(new ArrayList<>(c.events)))
                .put("ends", new JsonArray(new ArrayList<>(c.ends))));
        return new JsonObject().put("clients", all);
    }

    private JsonObject closeAll() throws InterruptedException {
        for (Client c : clients) if (c.ws != null) c.ws.close();
        Thread.sleep(2000);
        int n = clients.size();
        clients = List.of();
        return new JsonObject().put("closed", n);
    }
}
