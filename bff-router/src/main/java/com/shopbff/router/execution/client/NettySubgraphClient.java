package com.shopbff.router.execution.client;

import com.shopbff.router.execution.SubgraphClient;
import com.shopbff.router.execution.SubgraphException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.resolver.AddressResolverGroup;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Subgraph HTTP/1.1 client directly on Netty, sharing the router's Vert.x event loops (epoll when Vert.x uses it).
 * <ul>
 *     <li>A request runs on the event loop of the inbound request that needs it (the caller's Vert.x context): its
 *     connection belongs to that loop, so sending, the response and the caller's continuation never change thread.</li>
 *     <li>Keep-alive connections are pooled per event loop and per subgraph ({@link ConnectionPool}), TCP_NODELAY;
 *     a connection idle for {@value #KEEP_ALIVE_SECONDS} s is not reused (servers commonly close after 5 s).</li>
 *     <li>A request is one buffer: the subgraph's constant header block encoded once, then the forwarded headers,
 *     {@code content-length} and the body ({@link RequestEncoder}); the response is decoded by Netty's
 *     {@code HttpResponseDecoder} (content-length, chunked or until close) into one heap buffer that the executor
 *     parses in place.</li>
 *     <li>One timer per request covers waiting for a connection, connecting, sending and the whole response; on expiry
 *     the request fails with {@code SUBREQUEST_TIMEOUT} and its connection is closed. Connection failures, resets,
 *     a server closing before the response is complete and malformed responses fail it with
 *     {@code SUBREQUEST_HTTP_ERROR}.</li>
 * </ul>
 * HTTPS subgraphs go through the Vert.x client given as {@code tls} (this client speaks plain HTTP only).
 */
public final class NettySubgraphClient implements SubgraphClient {
    static final int KEEP_ALIVE_SECONDS = 4;
    /** Connections per event loop and subgraph by default; further requests wait for one to come back. */
    static final int MAX_CONNECTIONS = 128;

    private final VertxInternal vertx;
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    private final SubgraphClient tls;
    private final long timeoutMs;
    private final int connectTimeoutMs;
    private final int maxConnections;
    private final long keepAliveNanos;
    private final ChannelFactory<? extends Channel> channels;
    private final AddressResolverGroup<InetSocketAddress> resolver;
    /** Pools per event loop; each array (indexed by {@link Endpoint#index}) is only used on its loop. */
    private final Map<EventLoop, ConnectionPool[]> pools = new ConcurrentHashMap<>();
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A plain-HTTP subgraph: its address and the request's constant head, encoded once. */
    record Endpoint(int index, String service, String host, int port, byte[] head) {
    }

    /**
     * @param tls client for {@code https} subgraphs (closed with this one), or null when every subgraph URL is
     *            plain HTTP
     */
    public NettySubgraphClient(io.vertx.core.Vertx vertx, Map<String, String> urls, Duration timeout, SubgraphClient tls) {
        this(vertx, urls, timeout, tls, MAX_CONNECTIONS, Duration.ofSeconds(KEEP_ALIVE_SECONDS));
    }

    /**
     * @param maxConnections connections per event loop and subgraph; further requests wait for one
     * @param keepAlive      how long an idle connection may be reused
     */
    NettySubgraphClient(io.vertx.core.Vertx vertx, Map<String, String> urls, Duration timeout, SubgraphClient tls,
                        int maxConnections, Duration keepAlive) {
        this.maxConnections = Math.max(1, maxConnections);
        this.keepAliveNanos = keepAlive.toNanos();
        this.vertx = (VertxInternal) vertx;
        this.tls = tls;
        this.timeoutMs = Math.max(1, timeout.toMillis());
        this.connectTimeoutMs = (int) Math.min(timeoutMs, 10_000);
        this.channels = this.vertx.transport().channelFactory(false);
        this.resolver = this.vertx.nameResolver().nettyAddressResolverGroup();
        urls.forEach((name, url) -> {
            if (url == null) return;
            try {
                URI u = URI.create(url);
                if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) return;
                int port = u.getPort() > 0 ? u.getPort() : 80;
                String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                if (u.getRawQuery() != null) path += "?" + u.getRawQuery();
                String host = u.getHost();
                String head = "POST " + path + " HTTP/1.1\r\n"
                        + "host: " + (port == 80 ? host : host + ":" + port) + "\r\n"
                        + "content-type: application/json\r\n"
                        + "accept: application/graphql-response+json, application/json\r\n";
                endpoints.put(name, new Endpoint(endpoints.size(), name, host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                        port, head.getBytes(StandardCharsets.ISO_8859_1)));
            } catch (RuntimeException e) {
                // an unusable URL fails only the requests that reach this subgraph
            }
        });
    }

    /** Whether {@code url} is one this client sends itself (plain HTTP); others need the {@code tls} client. */
    public static boolean handles(String url) {
        return url != null && url.regionMatches(true, 0, "http:", 0, 5);
    }

    @Override
    public Future<Response> post(String service, byte[] body, Map<String, String> headers) {
        Endpoint e = endpoints.get(service);
        if (e == null) {
            if (tls != null) return tls.post(service, body, headers);
            return Future.failedFuture(new SubgraphException("SUBREQUEST_HTTP_ERROR",
                    "no usable URL for subgraph '" + service + "'"));
        }
        ContextInternal ctx = ContextInternal.current();
        if (ctx == null) ctx = vertx.getOrCreateContext(); // outside Vert.x (tools, tests): a context of its own
        if (closed) {
            return ctx.failedFuture(new SubgraphException("SUBREQUEST_HTTP_ERROR", "the router is shutting down"));
        }
        PromiseInternal<Response> promise = ctx.promise();
        Exchange ex = new Exchange(this, e, ctx, promise, body, headers);
        EventLoop loop = ctx.nettyEventLoop();
        if (loop.inEventLoop()) start(loop, ex);
        else loop.execute(() -> start(loop, ex));
        return promise.future();
    }

    private void start(EventLoop loop, Exchange ex) {
        ex.timer = loop.schedule(ex::timedOut, timeoutMs, TimeUnit.MILLISECONDS);
        pool(loop, ex.endpoint).acquire(ex);
    }

    private ConnectionPool pool(EventLoop loop, Endpoint e) {
        ConnectionPool[] byEndpoint = pools.get(loop);
        if (byEndpoint == null) {
            byEndpoint = pools.computeIfAbsent(loop, l -> new ConnectionPool[endpoints.size()]);
        }
        ConnectionPool p = byEndpoint[e.index()];
        if (p == null) {
            p = new ConnectionPool(this, loop, e);
            byEndpoint[e.index()] = p;
        }
        return p;
    }

    /**
     * Opens {@code conn} for {@code pool} on its loop; once up it carries {@code first} ({@link Connection#channelActive}),
     * a failure to connect fails {@code first}.
     */
    void connect(ConnectionPool pool, Connection conn, Exchange first) {
        Endpoint e = pool.endpoint;
        new Bootstrap().group(pool.loop).channelFactory(channels).resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
                .handler(conn.initializer())
                .connect(InetSocketAddress.createUnresolved(e.host(), e.port()))
                .addListener((io.netty.channel.ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        Channel ch = f.channel();
                        open.add(ch);
                        ch.closeFuture().addListener(c -> open.remove(ch));
                        if (closed) ch.close();
                    } else {
                        pool.connectFailed(first, f.cause());
                    }
                });
    }

    long keepAliveNanos() {
        return keepAliveNanos;
    }

    int maxConnections() {
        return maxConnections;
    }

    long timeoutMs() {
        return timeoutMs;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        for (Channel ch : open) ch.close();
        if (tls != null) tls.close();
    }
}
