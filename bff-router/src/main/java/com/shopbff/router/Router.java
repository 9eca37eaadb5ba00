package com.shopbff.router;

import com.shopbff.router.auth.RouterAuth;
import com.shopbff.router.auth.TokenValidator;
import com.shopbff.router.edge.Edge;
import com.shopbff.router.execution.Executor;
import com.shopbff.router.execution.SubgraphClient;
import com.shopbff.router.execution.client.SubgraphClients;
import com.shopbff.router.http.HttpFrontend;
import com.shopbff.router.pipeline.OperationPipeline;
import com.shopbff.router.pipeline.RouterExtensions;
import com.shopbff.router.subscription.SubscriptionMetrics;
import com.shopbff.router.subscription.Subscriptions;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.Graph;
import com.shopbff.router.telemetry.Observers;
import com.shopbff.router.telemetry.RouterTelemetry;
import com.shopbff.router.telemetry.SubscriptionMeters;
import com.shopbff.router.telemetry.TelemetrySettings;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running router: loads the supergraph, plans and executes operations, serves HTTP and WebSocket.
 * Start with {@link #start(RouterConfig)}, stop with {@link #close()}.
 */
public final class Router implements AutoCloseable {
    private final Vertx vertx;
    private final List<HttpServer> servers;
    private final SubgraphClient client;
    private final Supergraph supergraph;
    private final OperationPipeline pipeline;
    private final Subscriptions subscriptions;
    private final RouterAuth auth;
    private final int port;
    private final RouterTelemetry telemetry;
    private final int metricsPort;

    private Router(Vertx vertx, List<HttpServer> servers, SubgraphClient client, Supergraph supergraph,
                   OperationPipeline pipeline, Subscriptions subscriptions, RouterAuth auth, RouterTelemetry telemetry,
                   int metricsPort) {
        this.subscriptions = subscriptions;
        this.auth = auth;
        this.vertx = vertx;
        this.servers = servers;
        this.client = client;
        this.supergraph = supergraph;
        this.pipeline = pipeline;
        this.port = servers.get(0).actualPort();
        this.telemetry = telemetry;
        this.metricsPort = metricsPort;
    }

    /**
     * Loads the supergraph and starts listening; returns once the port is bound (the router is then ready).
     *
     * @throws com.shopbff.router.supergraph.SupergraphException when the supergraph cannot be used
     */
    public static Router start(RouterConfig config) {
        boolean trace = Boolean.getBoolean("router.startupTrace");
        long t0 = System.nanoTime();
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        // Vert.x and the listening sockets come up on another thread while this one reads the supergraph: on two
        // cores that overlaps Netty's and graphql-java's class loading. Until the router is ready the sockets
        // answer 503, so /health only turns 200 once everything is in place.
        AtomicReference<Handler<HttpServerRequest>> delegate = new AtomicReference<>();
        CompletableFuture<Object[]> io = CompletableFuture.supplyAsync(() -> {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setWorkerPoolSize(2)
                    .setInternalBlockingPoolSize(2).setPreferNativeTransport(nativeTransport()));
            List<HttpServer> servers = new ArrayList<>();
            try {
                for (int i = 0; i < loops; i++) {
                    HttpServer s = vertx.createHttpServer(Edge.configure(config.edge(), new HttpServerOptions()
                            .setTcpNoDelay(true)).setWebSocketSubProtocols(List.of("graphql-transport-ws"))
                            .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(wsMessageLimit(config)));
                    s.requestHandler(req -> {
                        Handler<HttpServerRequest> h = delegate.get();
                        if (h != null) h.handle(req);
                        else req.response().setStatusCode(503).end("{\"status\":\"STARTING\"}");
                    });
                    // port 0 with several servers: Vert.x shares one random port between them
                    s.listen(config.port()).await(30, TimeUnit.SECONDS);
                    servers.add(s);
                }
            } catch (Exception e) {
                vertx.close();
                throw new IllegalStateException("cannot listen on port " + config.port() + ": " + e.getMessage(), e);
            }
            if (trace) System.err.printf("listening %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            return new Object[]{vertx, servers};
        }, r -> {
            Thread t = new Thread(r, "router-startup");
            t.setDaemon(true);
            t.start();
        });
        Supergraph sg;
        try {
            sg = Supergraph.parse(config.sdl());
        } catch (RuntimeException e) {
            io.thenAccept(v -> ((Vertx) v[0]).close());
            throw e;
        }
        if (trace) System.err.printf("supergraph %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        Object[] started;
        try {
            started = io.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        Vertx vertx = (Vertx) started[0];
        @SuppressWarnings("unchecked")
        List<HttpServer> servers = (List<HttpServer>) started[1];
        RouterTelemetry telemetry = null;
        RouterAuth auth = null;
        try {
            telemetry = RouterTelemetry.start(config.telemetry());
            auth = RouterAuth.start(config.jwksUrl(), config.revocation());
            Map<String, String> urls = new LinkedHashMap<>();
            for (Graph g : sg.graphs()) urls.put(g.name(), g.url());
            config.subgraphUrls().forEach((name, url) -> urls.put(graphNamed(urls.keySet(), name), url));
            SubgraphClient client = SubgraphClients.create(vertx, urls, config.subgraphTimeout());
            if (telemetry.metrics() != null) telemetry.metrics().registerSubgraphs(urls.keySet());
            Edge edge = Edge.create(config.edge(), sg);
            RouterExtensions extensions = edge.extend(config.extensions());
            OperationPipeline pipeline = new OperationPipeline(sg, new Executor(client), config.limits(),
                    extensions.withObserver(Observers.both(extensions.observer(), telemetry)), config.cachePolicy());
            TokenValidator tokens = auth.validator();
            Subscriptions subs = new Subscriptions(vertx, pipeline, urls, tokens, config.subscriptions());
            if (telemetry.metrics() != null) SubscriptionMeters.bind(telemetry.metrics(), subs.metrics());
            auth.onRevocation(subs::closeRevoked); // open subscriptions of a revoked session end at once
            // graphql-sse streams go through the frontend too: CORS and rate limits apply to them
            int metricsPort = serveMetrics(vertx, telemetry, config.telemetry(),
                    new HttpFrontend(pipeline, tokens, subs.webSockets(), edge, subs)
                            .withHealthDetails(() -> Map.of("subscriptions", subs.metrics().snapshot())), delegate);
            edge.start(vertx);
            // graphql-java's API schema (validation, introspection) is built right after the port is ready;
            // a request arriving before it is done simply waits for it
            Thread warm = new Thread(() -> {
                try {
                    sg.apiSchema();
                    pipeline.shaper().warm();
                } catch (RuntimeException e) {
                    System.err.println("bff-router: " + e.getMessage());
                }
            }, "router-warmup");
            warm.setDaemon(true);
            warm.start();
            if (trace) System.err.printf("ready %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            return new Router(vertx, servers, client, sg, pipeline, subs, auth, telemetry, metricsPort);
        } catch (RuntimeException e) {
            if (auth != null) auth.close();
            vertx.close();
            if (telemetry != null) telemetry.close();
            throw e;
        }
    }

    /**
     * Serves Prometheus metrics on the GraphQL port beside the frontend, or on a port of their own; returns that port
     * (the GraphQL port's marker {@link TelemetrySettings#SAME_PORT} when shared, 0 when metrics are off).
     */
    private static int serveMetrics(Vertx vertx, RouterTelemetry telemetry, TelemetrySettings settings,
                                    Handler<HttpServerRequest> frontend, AtomicReference<Handler<HttpServerRequest>> delegate) {
        if (telemetry.metrics() == null) {
            delegate.set(frontend);
            return 0;
        }
        String path = settings.metricsPath();
        if (settings.metricsPort() == TelemetrySettings.SAME_PORT) {
            delegate.set(req -> {
                if (path.equals(req.path())) telemetry.serveMetrics(vertx, req);
                else frontend.handle(req);
            });
            return TelemetrySettings.SAME_PORT;
        }
        delegate.set(frontend);
        try {
            return vertx.createHttpServer().requestHandler(req -> {
                if (path.equals(req.path())) telemetry.serveMetrics(vertx, req);
                else req.response().setStatusCode(404).end();
            }).listen(settings.metricsPort()).await(30, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on metrics port " + settings.metricsPort() + ": " + e.getMessage(), e);
        }
    }

    /** WebSocket messages obey the body-size limit (at least one frame, 4 MiB when unlimited). */
    /**
     * Whether Netty's native transport (Linux epoll) is preferred over Java NIO: on unless system property
     * {@code router.nativeTransport} or environment variable {@code ROUTER_NATIVE_TRANSPORT} is {@code false}. When
     * the native library cannot load (another OS or CPU) Vert.x falls back to NIO; {@link #transport()} tells which.
     */
    static boolean nativeTransport() {
        String v = System.getProperty("router.nativeTransport", System.getenv("ROUTER_NATIVE_TRANSPORT"));
        return !"false".equalsIgnoreCase(v) && !"0".equals(v);
    }

    /** The network transport in use: {@code "epoll"} (native) or {@code "nio"}. */
    public String transport() {
        return vertx.isNativeTransportEnabled() ? "epoll" : "nio";
    }

    private static int wsMessageLimit(RouterConfig config) {
        long max = config.limits().maxBodyBytes();
        return max == 0 ? 4 << 20 : (int) Math.max(1 << 20, Math.min(Integer.MAX_VALUE, max));
    }

    /**
     * The port serving Prometheus metrics: {@link #port()} unless a metrics port was configured; 0 when metrics are
     * off.
     */
    public int metricsPort() {
        return metricsPort == TelemetrySettings.SAME_PORT ? port : metricsPort;
    }

    /** The router's metrics, spans and request log. */
    public RouterTelemetry telemetry() {
        return telemetry;
    }

    /** The bound HTTP port. */
    public int port() {
        return port;
    }

    public Supergraph supergraph() {
        return supergraph;
    }

    /** The request pipeline (for in-process use and tests). */
    public OperationPipeline pipeline() {
        return pipeline;
    }

    /** Revocations the router has read from its revocation feed (0 without one). */
    public long revocationsRead() {
        return auth.revocationsRead();
    }

    /** Subscription counts (active per subgraph and field, upstream connections), for health and metrics. */
    public SubscriptionMetrics subscriptionMetrics() {
        return subscriptions.metrics();
    }

    /**
     * Stops: every subscription client is told to reconnect (WebSocket close 1012, SSE {@code ROUTER_SHUTTING_DOWN}),
     * then listening stops and connections are released; waits at most a few seconds.
     */
    @Override
    public void close() {
        try {
            subscriptions.shutdown(Duration.ofSeconds(2));
            auth.close();
            client.close();
            vertx.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort: the process is usually exiting
        }
        telemetry.close();
    }

    /**
     * The supergraph's name for a subgraph URL override key: the name itself, or its environment-variable form
     * (upper case, characters other than letters and digits as {@code _}, as in {@code SUBGRAPH_ORDERS_URL}).
     */
    static String graphNamed(java.util.Collection<String> names, String key) {
        if (names.contains(key)) return key;
        for (String name : names) {
            if (name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_").equals(key)) return name;
        }
        throw new IllegalArgumentException("subgraph URL override for '" + key + "', which is not a subgraph of the supergraph "
                + names);
    }
}
