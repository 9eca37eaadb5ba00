package com.shopbff.router.subscription;

import com.shopbff.router.auth.TokenValidator;
import com.shopbff.router.pipeline.OperationPipeline;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The router's subscriptions: the graphql-transport-ws and graphql-sse transports in front, one
 * {@link SubscriptionHub} per event loop behind them, and the counts ({@link #metrics()}).
 */
public final class Subscriptions {
    private final Vertx vertx;
    private final OperationPipeline pipeline;
    private final Map<String, String> urls;
    private final SubscriptionSettings settings;
    private final SubscriptionMetrics metrics = new SubscriptionMetrics();
    private final WebSocketClient client;
    private final Map<Thread, HubOnLoop> hubs = new ConcurrentHashMap<>();
    /** Subgraphs known to take the caller per operation (learnt by any event loop, used by all). */
    private final java.util.Set<String> identityPerOperation = ConcurrentHashMap.newKeySet();
    private final WebSocketTransport webSockets;
    private final SseTransport sse;
    private final TokenValidator tokens;
    private volatile boolean shuttingDown;

    private record HubOnLoop(Context context, SubscriptionHub hub) {
    }

    public Subscriptions(Vertx vertx, OperationPipeline pipeline, Map<String, String> urls, TokenValidator tokens,
                         SubscriptionSettings settings) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.urls = Map.copyOf(urls);
        this.settings = settings == null ? SubscriptionSettings.DEFAULTS : settings;
        // few connections per subgraph are opened by design; the cap only bounds a pathological number of identities
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
                .setMaxMessageSize(4 << 20).setMaxConnections(100_000).setConnectTimeout(10_000));
        this.tokens = tokens;
        this.webSockets = new WebSocketTransport(this, pipeline, tokens);
        this.sse = new SseTransport(this, pipeline, tokens);
    }

    /** The graphql-transport-ws endpoint. */
    public Handler<ServerWebSocket> webSockets() {
        return webSockets;
    }

    /** Whether this request opens a graphql-sse stream ({@code Accept: text/event-stream} on /graphql). */
    public boolean isEventStream(HttpServerRequest req) {
        return SseTransport.accepts(req);
    }

    /** Serves a graphql-sse request (distinct connections mode). */
    public void handleEventStream(HttpServerRequest req) {
        sse.handle(req);
    }

    public SubscriptionMetrics metrics() {
        return metrics;
    }

    public SubscriptionSettings settings() {
        return settings;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    /** The hub of the calling event loop (created on first use). Call on an event loop only. */
    SubscriptionHub hub() {
        return hubs.computeIfAbsent(Thread.currentThread(), t -> {
            Context ctx = Vertx.currentContext();
            if (ctx == null) throw new IllegalStateException("subscriptions are served on event loops");
            return new HubOnLoop(ctx, new SubscriptionHub(vertx, pipeline,
                    new UpstreamPool(vertx, client, urls, settings, metrics, identityPerOperation), settings, metrics));
        }).hub();
    }

    /**
     * Checks every open client connection's token again ({@link TokenValidator#revoked}) and ends those whose session
     * has been revoked since they authenticated: WebSocket close {@link SubscriptionCodes#SESSION_REVOKED}, SSE error
     * {@link SubscriptionCodes#UNAUTHENTICATED}. Call it after each revocation; any thread.
     */
    public void closeRevoked() {
        if (tokens == null) return;
        for (HubOnLoop h : hubs.values()) h.context().runOnContext(v -> h.hub().closeRevoked(tokens::revoked));
    }

    /**
     * Graceful shutdown: every WebSocket client gets close code {@link SubscriptionCodes#SERVICE_RESTART}, every
     * SSE stream an error {@link SubscriptionCodes#ROUTER_SHUTTING_DOWN} and {@code complete}; upstream
     * connections close. Waits at most {@code grace} for that to be written.
     */
    public void shutdown(Duration grace) {
        shuttingDown = true;
        List<io.vertx.core.Future<Void>> done = new ArrayList<>();
        for (HubOnLoop h : hubs.values()) {
            Promise<Void> p = Promise.promise();
            h.context().runOnContext(v -> {
                try {
                    h.hub().shutdown();
                } finally {
                    p.tryComplete();
                }
            });
            done.add(p.future());
        }
        try {
            io.vertx.core.Future.join(done).await(grace.toMillis(), TimeUnit.MILLISECONDS);
            // let the close frames and last SSE events reach the sockets
            Thread.sleep(Math.min(200, grace.toMillis()));
        } catch (Exception e) {
            // best effort: the process is stopping
        }
        client.close();
    }
}
