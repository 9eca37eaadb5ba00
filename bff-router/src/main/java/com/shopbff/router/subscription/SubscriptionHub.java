package com.shopbff.router.subscription;

import com.shopbff.router.pipeline.GraphQLRequest;
import com.shopbff.router.pipeline.GraphQLResponse;
import com.shopbff.router.pipeline.OperationPipeline;
import com.shopbff.router.pipeline.Prepared;
import com.shopbff.router.pipeline.RouterObserver;
import com.shopbff.router.json.Json;
import com.shopbff.router.plan.PlanNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscriptions of the client connections of one event loop. Shared-nothing: every client connection, topic
 * and upstream connection of a hub lives on the hub's event loop, so none of it needs a lock.
 * <p>
 * Identical subscriptions (same subgraph, caller identity, document, operation name and variables) form one
 * {@link Topic}: one upstream subscription, and per event one execution of the rest of the plan and one
 * serialisation, written to every subscriber. Upstream subscriptions travel over the few multiplexed connections
 * of the {@link UpstreamPool}.
 */
final class SubscriptionHub {
    private final Vertx vertx;
    private final OperationPipeline pipeline;
    final UpstreamPool pool;
    final SubscriptionSettings settings;
    final SubscriptionMetrics metrics;
    private final Map<String, Topic> topics = new HashMap<>();
    private final Set<ClientSink> sinks = new LinkedHashSet<>();
    private long uniqueKeys;

    SubscriptionHub(Vertx vertx, OperationPipeline pipeline, UpstreamPool pool, SubscriptionSettings settings,
                    SubscriptionMetrics metrics) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.pool = pool;
        this.settings = settings;
        this.metrics = metrics;
        vertx.setPeriodic(settings.keepAlive().toMillis(), id -> keepAlive());
    }

    void register(ClientSink sink) {
        sinks.add(sink);
    }

    void unregister(ClientSink sink) {
        sinks.remove(sink);
    }

    /** A client's subscription: cancel it when the client completes it or goes away. */
    final class Subscription {
        final ClientSink sink;
        final String id;
        final Topic topic;
        private boolean done;

        Subscription(ClientSink sink, String id, Topic topic) {
            this.sink = sink;
            this.id = id;
            this.topic = topic;
        }

        /** The client no longer wants it: no message is sent to it. */
        void cancel() {
            if (finish()) topic.remove(this);
        }

        private boolean finish() {
            if (done) return false;
            done = true;
            metrics.clientSubscription(topic.field, -1);
            return true;
        }
    }

    /**
     * Starts subscription {@code id} of {@code sink}. Its events, or its one error, or its completion, arrive at the
     * sink. {@code identity} is the caller identity as the subgraph takes it (the {@code connection_init} payload).
     */
    Subscription subscribe(ClientSink sink, String id, Prepared prep, PlanNode.Subscription plan,
                           Map<String, Object> identity) {
        String subgraph = plan.primary().service();
        String key = settings.dedup() ? subgraph + '\u0000' + UpstreamPool.canonical(identity) + '\u0000'
                + prep.document() + '\u0000' + prep.request().operationName() + '\u0000'
                + UpstreamPool.canonical(prep.variables()) : "unique:" + (++uniqueKeys);
        Topic topic = topics.get(key);
        boolean fresh = topic == null;
        if (fresh) {
            topic = new Topic(key, prep, plan, identity);
            topics.put(key, topic);
        }
        Subscription s = new Subscription(sink, id, topic);
        topic.subscribers.add(s);
        metrics.clientSubscription(topic.field, 1);
        if (fresh) topic.open();
        return s;
    }

    private void keepAlive() {
        for (ClientSink s : new ArrayList<>(sinks)) s.keepAlive();
        pool.keepAlive();
    }

    /** Ends every client connection whose token's claims {@code revoked} says are revoked now. */
    void closeRevoked(java.util.function.Predicate<Map<String, Object>> revoked) {
        for (ClientSink s : new ArrayList<>(sinks)) {
            Map<String, Object> claims = s.claims();
            if (!claims.isEmpty() && revoked.test(claims)) {
                metrics.revokedClientClosed();
                s.revoked();
            }
        }
    }

    /** Tells every client to reconnect and closes every upstream connection. */
    void shutdown() {
        for (ClientSink s : new ArrayList<>(sinks)) s.shutdown();
        sinks.clear();
        topics.clear();
        pool.closeAll();
    }

    /** One upstream subscription and the client subscriptions sharing it. */
    final class Topic implements UpstreamConnection.Listener {
        final String key;
        final SubscriptionMetrics.Field field;
        final Set<Subscription> subscribers = new LinkedHashSet<>();
        private final Prepared prep;
        private final PlanNode.Subscription plan;
        private final Map<String, Object> identity;
        private UpstreamConnection.Stream stream;
        private Future<Void> chain = Future.succeededFuture();
        private boolean ended;

        Topic(String key, Prepared prep, PlanNode.Subscription plan, Map<String, Object> identity) {
            this.key = key;
            this.plan = plan;
            this.identity = identity;
            var roots = prep.plan().operation().rootFields();
            this.field = new SubscriptionMetrics.Field(plan.primary().service(), roots.isEmpty() ? "?" : roots.get(0).name());
            // the rest of the plan runs once per event for every subscriber: only the identity is forwarded, not
            // one client's trace or address headers
            GraphQLRequest r = prep.request();
            Map<String, String> headers = new HashMap<>(2);
            String auth = r.headers().get("authorization");
            if (auth != null) headers.put("authorization", auth);
            this.prep = !settings.dedup() ? prep : new Prepared(prep.plan(), prep.variables(),
                    new GraphQLRequest(r.query(), r.operationName(), r.variables(), r.extensions(), r.documentId(),
                            headers, false, r.claims()), prep.document(), prep.initialErrors(), prep.responseExtensions());
        }

        void open() {
            String subgraph = plan.primary().service();
            metrics.upstreamSubscription(field, 1);
            if (!pool.knows(subgraph)) {
                onError(List.of(UpstreamConnection.error("No URL for subgraph '" + subgraph + "'.",
                        SubscriptionCodes.UPSTREAM_UNAVAILABLE)));
                return;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("query", plan.primary().operation());
            Map<String, Object> vars = new LinkedHashMap<>();
            for (String name : plan.primary().variables()) {
                if (prep.variables().containsKey(name)) vars.put(name, prep.variables().get(name));
            }
            payload.put("variables", vars);
            stream = pool.subscribe(subgraph, identity, payload, this);
        }

        void remove(Subscription s) {
            subscribers.remove(s);
            if (subscribers.isEmpty() && !ended) {
                end();
                if (stream != null) stream.cancel();
            }
        }

        /** No new subscriber joins from now on; those present hear the end after the events before it. */
        private void end() {
            ended = true;
            topics.remove(key, this);
            metrics.upstreamSubscription(field, -1);
        }

        @Override
        public void onNext(Map<String, Object> payload, long receivedNanos) {
            if (ended) return;
            chain = chain.transform(x -> deliver(payload, receivedNanos));
        }

        @SuppressWarnings("unchecked")
        private Future<Void> deliver(Map<String, Object> payload, long receivedNanos) {
            if (subscribers.isEmpty()) return Future.succeededFuture();
            Map<String, Object> data = payload.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            List<Map<String, Object>> errors = new ArrayList<>();
            if (payload.get("errors") instanceof List<?> errs) {
                for (Object e : errs) if (e instanceof Map<?, ?> m) errors.add((Map<String, Object>) m);
            }
            Future<GraphQLResponse> run;
            try {
                run = pipeline.executeSubscriptionEvent(prep, data, errors, RouterObserver.RequestObservation.NONE);
            } catch (RuntimeException e) {
                run = Future.failedFuture(e);
            }
            return run.transform(ar -> {
                Map<String, Object> body;
                if (ar.succeeded() && ar.result().body() != null) {
                    body = ar.result().body();
                } else {
                    body = new LinkedHashMap<>();
                    body.put("errors", List.of(UpstreamConnection.error("Execution failed.", "INTERNAL_SERVER_ERROR")));
                    body.put("data", null);
                }
                String json = Json.writeString(body);
                int n = 0;
                for (Subscription s : new ArrayList<>(subscribers)) {
                    if (s.done) continue;
                    s.sink.next(s.id, json);
                    n++;
                }
                metrics.delivered(n);
                metrics.hop(SubscriptionMetrics.Hop.UPSTREAM_TO_CLIENT_QUEUE, System.nanoTime() - receivedNanos);
                return Future.succeededFuture();
            });
        }

        @Override
        public void onError(List<Object> errors) {
            if (!ended) end();
            chain = chain.transform(x -> {
                for (Subscription s : new ArrayList<>(subscribers)) {
                    if (s.finish()) s.sink.error(s.id, errors);
                }
                subscribers.clear();
                return Future.succeededFuture();
            });
        }

        @Override
        public void onComplete() {
            if (!ended) end();
            chain = chain.transform(x -> {
                for (Subscription s : new ArrayList<>(subscribers)) {
                    if (s.finish()) s.sink.complete(s.id);
                }
                subscribers.clear();
                return Future.succeededFuture();
            });
        }
    }
}
