package com.shopbff.system.chaos;

import com.shopbff.system.Gql;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live order tracker as a storefront runs one: one graphql-transport-ws connection through the load balancer,
 * subscribed to every order of its customer ({@code orderStatusChanged} without an id). When the router tells it that
 * events may have been missed — the socket closes (router gone: 1006; shutting down: 1012; too slow: 4008) or the
 * subscription ends with an {@code error} (SUBSCRIPTION_UPSTREAM_CLOSED when the orders instance it was served from
 * died) or {@code complete} — it reconnects or subscribes again and then re-reads its orders that it does not know to
 * be final ("catching up"). Every such episode is an {@link Interruption} from the notice until the re-read answered.
 */
final class Tracker implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUBSCRIPTION = "subscription { orderStatusChanged { status previousStatus at order { id } } }";
    private static final List<String> RANK = List.of("PENDING", "RESERVED", "PAID");

    /** A status as this tracker learnt it: from an event or from a catch-up read. */
    record Known(String status, long atMillis, boolean fromEvent) {}

    /** From the moment the tracker was told (or found) that it may have missed events until its catch-up read answered. */
    record Interruption(String cause, long startMillis, long endMillis) {}

    private final String customer;
    private final URI wsUrl;
    private final String token;
    private final Gql gql;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, List<String>> events = new ConcurrentHashMap<>();
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> orders = ConcurrentHashMap.newKeySet();
    private final List<Interruption> interruptions = new CopyOnWriteArrayList<>();
    /** For every event received: arrival minus the status change's own {@code at} (same machine, same clock), ms. */
    private final List<Long> lagsMs = new CopyOnWriteArrayList<>();
    /** Per order, when each of its received events arrived (parallel to {@link #events}). */
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    /** Every received event as {arrival, the change's own time}, in arrival order: where the stream was, when. */
    private final List<long[]> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger subscriptionIds = new AtomicInteger();
    private volatile WebSocket ws;
    private volatile String activeSubscription;
    private volatile boolean closed;
    /** The open interruption (cause, start), or null while the stream is live. */
    private volatile Object[] open;

    Tracker(String customer, String httpUrl, String token, ScheduledExecutorService scheduler) {
        this.customer = customer;
        this.wsUrl = URI.create(httpUrl.replaceFirst("^http", "ws"));
        this.token = token;
        this.gql = new Gql(httpUrl);
        this.scheduler = scheduler;
    }

    String customer() {
        return customer;
    }

    /** Connects and subscribes; returns once the connection is acknowledged and the subscription sent. */
    void start() {
        connect();
    }

    /** An order of this tracker's customer (for catch-up reads). */
    void track(String orderId) {
        orders.add(orderId);
    }

    Map<String, List<String>> events() {
        return events;
    }

    Known known(String orderId) {
        return known.get(orderId);
    }

    List<Long> arrivals(String orderId) {
        return arrivals.getOrDefault(orderId, List.of());
    }

    /**
     * The time of the newest status change this tracker had received before {@code millis} (how far its stream had
     * got when a notice came), or {@code Long.MIN_VALUE} if none.
     */
    long streamPositionBefore(long millis) {
        long newest = Long.MIN_VALUE;
        for (long[] r : received) if (r[0] < millis) newest = Math.max(newest, r[1]);
        return newest;
    }

    List<Long> lagsMs() {
        return List.copyOf(lagsMs);
    }

    List<Interruption> interruptions() {
        return List.copyOf(interruptions);
    }

    boolean live() {
        return open == null && ws != null;
    }

    private void connect() {
        WebSocket.Listener listener = new WebSocket.Listener() {
            final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    try {
                        onMessage(socket, JSON.readTree(text));
                    } catch (RuntimeException e) {
                        System.err.println("tracker " + customer + ": " + e);
                    }
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                lost(socket, "close " + statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                lost(socket, "close 1006");
            }
        };
        try {
            ws = http.newWebSocketBuilder().subprotocols("graphql-transport-ws").connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(wsUrl, listener).get(10, TimeUnit.SECONDS);
            send(ws, Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
        } catch (Exception e) {
            ws = null;
            if (!closed) scheduler.schedule(this::connect, 500, TimeUnit.MILLISECONDS);
        }
    }

    private void onMessage(WebSocket socket, JsonNode msg) {
        switch (msg.path("type").asString("")) {
            case "connection_ack" -> subscribe(socket);
            case "ping" -> send(socket, Map.of("type", "pong"));
            case "next" -> {
                if (!msg.path("id").asString("").equals(activeSubscription)) return;
                JsonNode errors = msg.at("/payload/errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    ended(socket, "error " + errors.get(0).at("/extensions/code").asString("?"));
                    return;
                }
                JsonNode ev = msg.at("/payload/data/orderStatusChanged");
                String id = ev.at("/order/id").asString("");
                String status = ev.path("status").asString("");
                if (id.isEmpty() || status.isEmpty()) return;
                long now = System.currentTimeMillis();
                arrivals.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(now);
                events.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(status);
                try {
                    long at = java.time.OffsetDateTime.parse(ev.path("at").asString()).toInstant().toEpochMilli();
                    lagsMs.add(now - at);
                    received.add(new long[]{now, at});
                } catch (RuntimeException badTime) {
                    // an event without a parsable time still counts as received
                }
                learn(id, status, true);
            }
            case "error" -> {
                if (msg.path("id").asString("").equals(activeSubscription)) {
                    JsonNode first = msg.path("payload").isArray() ? msg.path("payload").path(0) : msg.path("payload");
                    ended(socket, "error " + first.at("/extensions/code").asString("?"));
                }
            }
            case "complete" -> {
                if (msg.path("id").asString("").equals(activeSubscription)) ended(socket, "complete");
            }
            default -> { }
        }
    }

    /** The subscription ended but the socket is fine: subscribe again on it, then catch up. */
    private void ended(WebSocket socket, String cause) {
        begin(cause);
        activeSubscription = null;
        scheduler.execute(() -> subscribe(socket));
    }

    /** The socket is gone: connect again (through the balancer, to whichever router is alive), then catch up. */
    private void lost(WebSocket socket, String cause) {
        if (socket != ws || closed) return;
        begin(cause);
        ws = null;
        activeSubscription = null;
        scheduler.schedule(this::connect, 200, TimeUnit.MILLISECONDS);
    }

    private synchronized void begin(String cause) {
        if (open == null) open = new Object[]{cause, System.currentTimeMillis()};
    }

    private void subscribe(WebSocket socket) {
        String id = "s" + subscriptionIds.incrementAndGet();
        activeSubscription = id;
        send(socket, Map.of("id", id, "type", "subscribe", "payload", Map.of("query", SUBSCRIPTION)));
        if (open != null) scheduler.execute(this::catchUp);
    }

    /** Re-reads every tracked order not known to be final; retried until it answers. */
    private void catchUp() {
        List<String> pending = orders.stream().filter(id -> !isFinal(known.get(id))).toList();
        try {
            for (int from = 0; from < pending.size(); from += 20) {
                List<String> chunk = pending.subList(from, Math.min(pending.size(), from + 20));
                StringBuilder q = new StringBuilder("query {");
                for (int i = 0; i < chunk.size(); i++) q.append(" o").append(i).append(": order(id: \"").append(chunk.get(i)).append("\") { status }");
                JsonNode data = gql.data(q.append(" }").toString(), Map.of(), token);
                for (int i = 0; i < chunk.size(); i++) {
                    String status = data.at("/o" + i + "/status").asString("");
                    if (!status.isEmpty()) learn(chunk.get(i), status, false);
                }
            }
        } catch (RuntimeException e) {
            scheduler.schedule(this::catchUp, 500, TimeUnit.MILLISECONDS);
            return;
        }
        synchronized (this) {
            Object[] o = open;
            if (o != null) interruptions.add(new Interruption((String) o[0], (Long) o[1], System.currentTimeMillis()));
            open = null;
        }
    }

    private void learn(String orderId, String status, boolean fromEvent) {
        known.merge(orderId, new Known(status, System.currentTimeMillis(), fromEvent),
                (old, now) -> rank(now.status()) >= rank(old.status()) ? now : old);
    }

    static boolean isFinal(Known k) {
        return k != null && rank(k.status()) == RANK.size();
    }

    /** PENDING 0, RESERVED 1, PAID 2, anything final 3: statuses only move forward. */
    static int rank(String status) {
        int i = RANK.indexOf(status);
        return i < 0 ? RANK.size() : i;
    }

    private static void send(WebSocket socket, Map<String, ?> message) {
        try {
            synchronized (socket) {
                socket.sendText(JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // the socket is going away; onClose/onError starts the reconnection
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket w = ws;
        if (w != null) w.abort();
    }

    static List<String> statusesOf(JsonNode history) {
        List<String> out = new ArrayList<>();
        for (JsonNode h : history) out.add(h.path("status").asString());
        return out;
    }
}
