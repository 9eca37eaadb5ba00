package com.shopbff.router.execution.client;

import com.shopbff.router.execution.SubgraphClient;
import com.shopbff.router.execution.SubgraphException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.buffer.Buffer;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/** The Netty subgraph client against real HTTP servers on loopback (a Vert.x server, or raw sockets). */
class NettySubgraphClientTest {
    private static final byte[] QUERY = "{\"query\":\"{ hello }\"}".getBytes(StandardCharsets.UTF_8);
    private Vertx vertx;
    private SubgraphClient client;
    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) client.close();
        for (AutoCloseable s : servers) s.close();
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    /** A Vert.x HTTP server; {@code connections} collects every connection it accepted. */
    private String server(Set<Object> connections, BiConsumer<HttpServerRequest, Buffer> handler) throws Exception {
        HttpServer s = vertx.createHttpServer()
                .connectionHandler(connections::add)
                .requestHandler(req -> req.body().onSuccess(b -> handler.accept(req, b)));
        s.listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
        servers.add(() -> s.close().await(30, TimeUnit.SECONDS));
        return "http://127.0.0.1:" + s.actualPort() + "/graphql";
    }

    /** A server on a raw socket: {@code conversation} reads the request and writes whatever it wants. */
    private String rawServer(Consumer<Socket> conversation) throws Exception {
        ServerSocket ss = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    Thread.ofVirtual().start(() -> conversation.accept(s));
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        servers.add(ss);
        return "http://127.0.0.1:" + ss.getLocalPort() + "/graphql";
    }

    /** Reads one request's head and its content-length body from {@code in}; returns the head. */
    private static String readRequest(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new java.io.EOFException();
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        in.readNBytes(length);
        return head.toString();
    }

    private void client(String url, Duration timeout) {
        client = SubgraphClients.create(SubgraphClients.Kind.NETTY, vertx, Map.of("s", url), timeout, false);
    }

    /** Posts from a Vert.x context, as the router does. */
    private SubgraphClient.Response post(Map<String, String> headers) throws Exception {
        CompletableFuture<SubgraphClient.Response> f = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> client.post("s", QUERY, headers).onComplete(ar -> {
            if (ar.succeeded()) f.complete(ar.result());
            else f.completeExceptionally(ar.cause());
        }));
        return f.get(60, TimeUnit.SECONDS);
    }

    private SubgraphException failure() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> post(Map.of()));
        return assertInstanceOf(SubgraphException.class, e.getCause());
    }

    private static String text(SubgraphClient.Response r) {
        return r.body().toString(StandardCharsets.UTF_8);
    }

    @Test
    void sequentialRequestsReuseOneKeepAliveConnection() throws Exception {
        Set<Object> connections = ConcurrentHashMap.newKeySet();
        String url = server(connections, (req, body) -> req.response().putHeader("content-type", "application/json")
                .end("{\"data\":{\"hello\":\"world\"}}"));
        // a long keep-alive: a stalled test machine must not make the pool drop the connection between requests
        client = new NettySubgraphClient(vertx, Map.of("s", url), Duration.ofSeconds(30), null, 128, Duration.ofMinutes(10));
        for (int i = 0; i < 5; i++) {
            SubgraphClient.Response r = post(Map.of());
            assertEquals(200, r.status());
            assertEquals("{\"data\":{\"hello\":\"world\"}}", text(r));
        }
        assertEquals(1, connections.size());
    }

    @Test
    void theRequestCarriesItsBodyTheConstantHeadersAndTheForwardedHeaders() throws Exception {
        CompletableFuture<Map<String, Object>> seen = new CompletableFuture<>();
        client(server(ConcurrentHashMap.newKeySet(), (req, b) -> {
            seen.complete(Map.of("method", req.method().name(), "path", req.path(), "body", b.toString(),
                    "content-type", req.getHeader("content-type"), "accept", req.getHeader("accept"),
                    "authorization", req.getHeader("authorization"), "traceparent", req.getHeader("traceparent")));
            req.response().end("{\"data\":{}}");
        }), Duration.ofSeconds(30));
        post(Map.of("authorization", "Bearer abc", "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        assertEquals(Map.of("method", "POST", "path", "/graphql", "body", new String(QUERY, StandardCharsets.UTF_8),
                "content-type", "application/json", "accept", "application/graphql-response+json, application/json",
                "authorization", "Bearer abc", "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                seen.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aForwardedHeaderWithALineBreakIsNotSentAndTheRequestFails() throws Exception {
        Set<Object> connections = ConcurrentHashMap.newKeySet();
        List<String> requests = new CopyOnWriteArrayList<>();
        client(server(connections, (req, body) -> {
            requests.add(req.path());
            req.response().end("{\"data\":{}}");
        }), Duration.ofSeconds(30));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> post(Map.of("x-forwarded-for", "1.2.3.4\r\nx-injected: yes")));
        SubgraphException se = assertInstanceOf(SubgraphException.class, e.getCause());
        assertEquals("SUBREQUEST_HTTP_ERROR", se.code());
        assertTrue(se.getMessage().contains("x-forwarded-for"), se.getMessage());
        assertEquals(200, post(Map.of()).status(), "the connection stays usable");
        assertEquals(List.of("/graphql"), requests);
    }

    @Test
    void aResponseWithConnectionCloseIsReadAndTheNextRequestOpensANewConnection() throws Exception {
        Set<Object> connections = ConcurrentHashMap.newKeySet();
        client(server(connections, (req, body) -> req.response().putHeader("connection", "close")
                .end("{\"data\":{\"n\":1}}")), Duration.ofSeconds(30));
        assertEquals("{\"data\":{\"n\":1}}", text(post(Map.of())));
        assertEquals("{\"data\":{\"n\":1}}", text(post(Map.of())));
        assertEquals(2, connections.size());
    }

    @Test
    void aChunkedResponseArrivesWhole() throws Exception {
        StringBuilder expected = new StringBuilder("{\"data\":{\"items\":[");
        for (int i = 0; i < 20_000; i++) expected.append(i == 0 ? "" : ",").append(i);
        expected.append("]}}");
        String whole = expected.toString();
        client(server(ConcurrentHashMap.newKeySet(), (req, body) -> {
            var resp = req.response().setChunked(true);
            for (int i = 0; i < whole.length(); i += 1000) resp.write(whole.substring(i, Math.min(whole.length(), i + 1000)));
            resp.end();
        }), Duration.ofSeconds(30));
        assertEquals(whole, text(post(Map.of())));
        assertEquals(whole, text(post(Map.of())), "the connection is reused after a chunked response");
    }

    @Test
    void aLargeContentLengthResponseArrivesWhole() throws Exception {
        String whole = "{\"data\":{\"s\":\"" + "x".repeat(300_000) + "\"}}";
        client(server(ConcurrentHashMap.newKeySet(), (req, body) -> req.response().end(whole)), Duration.ofSeconds(30));
        assertEquals(whole, text(post(Map.of())));
    }

    @Test
    void aResponseDelimitedByTheServerClosingArrivesWhole() throws Exception {
        client(rawServer(s -> {
            try (s; OutputStream out = s.getOutputStream()) {
                readRequest(s.getInputStream());
                out.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{\"data\":{\"until\":\"close\"}}"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                // the test fails on the client side
            }
        }), Duration.ofSeconds(30));
        SubgraphClient.Response r = post(Map.of());
        assertEquals(200, r.status());
        assertEquals("{\"data\":{\"until\":\"close\"}}", text(r));
    }

    @Test
    void aServerClosingBeforeTheResponseIsCompleteFailsTheRequestWithHttpError() throws Exception {
        client(rawServer(s -> {
            try (s; OutputStream out = s.getOutputStream()) {
                readRequest(s.getInputStream());
                out.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"data\":".getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                // the test fails on the client side
            }
        }), Duration.ofSeconds(30));
        SubgraphException e = failure();
        assertEquals("SUBREQUEST_HTTP_ERROR", e.code());
        assertTrue(e.getMessage().contains("closed the connection before its response was complete"), e.getMessage());
    }

    @Test
    void aServerResettingTheConnectionFailsTheRequestWithHttpError() throws Exception {
        client(rawServer(s -> {
            try (s) {
                readRequest(s.getInputStream());
                s.setSoLinger(true, 0); // close with RST
            } catch (Exception e) {
                // the test fails on the client side
            }
        }), Duration.ofSeconds(30));
        assertEquals("SUBREQUEST_HTTP_ERROR", failure().code());
    }

    @Test
    void aMalformedResponseFailsTheRequestWithHttpError() throws Exception {
        client(rawServer(s -> {
            try (s; OutputStream out = s.getOutputStream()) {
                readRequest(s.getInputStream());
                out.write("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nnot a chunk\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().read(); // until the client gives up on the connection
            } catch (Exception e) {
                // the test fails on the client side
            }
        }), Duration.ofSeconds(30));
        SubgraphException e = failure();
        assertEquals("SUBREQUEST_HTTP_ERROR", e.code());
    }

    @Test
    void aSubgraphThatDoesNotAnswerInTimeFailsWithTimeoutAndItsConnectionIsClosed() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        HttpServer s = vertx.createHttpServer()
                .connectionHandler(c -> c.closeHandler(v -> closed.countDown()))
                .requestHandler(req -> { }); // never answers
        s.listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
        servers.add(() -> s.close().await(30, TimeUnit.SECONDS));
        client("http://127.0.0.1:" + s.actualPort() + "/graphql", Duration.ofMillis(300));
        SubgraphException e = failure();
        assertEquals("SUBREQUEST_TIMEOUT", e.code());
        assertEquals("request to subgraph 's' timed out after 300 ms", e.getMessage());
        assertTrue(closed.await(60, TimeUnit.SECONDS), "the client closes the connection a late answer would come on");
    }

    @Test
    void aRefusedConnectionFailsTheRequestWithHttpError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        client("http://127.0.0.1:" + port + "/graphql", Duration.ofSeconds(30));
        SubgraphException e = failure();
        assertEquals("SUBREQUEST_HTTP_ERROR", e.code());
        assertTrue(e.getMessage().startsWith("cannot connect to subgraph 's' at 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void concurrentRequestsFromOneEventLoopEachGetTheirOwnAnswer() throws Exception {
        client(server(ConcurrentHashMap.newKeySet(), (req, body) ->
                vertx.setTimer(20, id -> req.response().end("{\"data\":{\"echo\":\"" + req.getHeader("x-n") + "\"}}"))),
                Duration.ofSeconds(30));
        CompletableFuture<List<String>> all = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            List<io.vertx.core.Future<String>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) fs.add(client.post("s", QUERY, Map.of("x-n", "" + i)).map(NettySubgraphClientTest::text));
            io.vertx.core.Future.all(fs).onComplete(ar -> {
                if (ar.failed()) all.completeExceptionally(ar.cause());
                else all.complete(fs.stream().map(io.vertx.core.Future::result).toList());
            });
        });
        List<String> answers = all.get(60, TimeUnit.SECONDS);
        for (int i = 0; i < 50; i++) assertEquals("{\"data\":{\"echo\":\"" + i + "\"}}", answers.get(i));
    }

    @Test
    void requestsBeyondTheConnectionLimitWaitForAFreeConnectionAndAllGetAnswered() throws Exception {
        Set<Object> connections = ConcurrentHashMap.newKeySet();
        String url = server(connections, (req, body) ->
                vertx.setTimer(20, id -> req.response().end("{\"data\":{\"echo\":\"" + req.getHeader("x-n") + "\"}}")));
        client = new NettySubgraphClient(vertx, Map.of("s", url), Duration.ofSeconds(30), null, 2, Duration.ofMinutes(10));
        CompletableFuture<List<String>> all = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            List<io.vertx.core.Future<String>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) fs.add(client.post("s", QUERY, Map.of("x-n", "" + i)).map(NettySubgraphClientTest::text));
            io.vertx.core.Future.all(fs).onComplete(ar -> {
                if (ar.failed()) all.completeExceptionally(ar.cause());
                else all.complete(fs.stream().map(io.vertx.core.Future::result).toList());
            });
        });
        List<String> answers = all.get(60, TimeUnit.SECONDS);
        for (int i = 0; i < 12; i++) assertEquals("{\"data\":{\"echo\":\"" + i + "\"}}", answers.get(i));
        assertEquals(2, connections.size(), "one event loop, a limit of two connections");
    }

    @Test
    void anUnknownSubgraphFailsWithHttpError() throws Exception {
        client = SubgraphClients.create(SubgraphClients.Kind.NETTY, vertx, Map.of("s", "ftp://example/graphql"),
                Duration.ofSeconds(1), false);
        SubgraphException e = failure();
        assertEquals("SUBREQUEST_HTTP_ERROR", e.code());
    }

    @Test
    void theSettingSelectsTheClient() {
        assertEquals(SubgraphClients.Kind.NETTY, SubgraphClients.configured());
        assertInstanceOf(NettySubgraphClient.class, SubgraphClients.create(SubgraphClients.Kind.NETTY, vertx,
                Map.of("s", "http://127.0.0.1:1/graphql"), Duration.ofSeconds(1), false));
        assertInstanceOf(com.shopbff.router.execution.VertxSubgraphClient.class, SubgraphClients.create(
                SubgraphClients.Kind.VERTX, vertx, Map.of("s", "http://127.0.0.1:1/graphql"), Duration.ofSeconds(1), false));
    }
}
