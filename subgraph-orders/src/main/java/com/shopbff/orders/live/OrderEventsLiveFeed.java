package com.shopbff.orders.live;

import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.OrderEvent;
import com.shopbff.contracts.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Every {@code OrderStatusChanged} on order.events, as a hot stream for the live subscriptions of THIS instance.
 * Each instance reads every partition itself (assigned, not subscribed in a shared group: its own group id
 * {@code subgraph-orders-live-<uuid>}, never committed), starting at the end when the application starts, so a
 * subscriber connected to any instance sees changes made by any instance. Events of one order keep their order
 * because the order id is the Kafka key. Started before the web server, so a subscription accepted by the server
 * is already covered.
 */
@Component
public class OrderEventsLiveFeed implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OrderEventsLiveFeed.class);
    private final ConsumerFactory<String, byte[]> consumerFactory;
    /** Live subscribers by the key they listen to: one order, one customer's orders, or every order (admin). */
    private final Map<String, Set<FluxSink<OrderEvent.OrderStatusChanged>>> byOrder = new ConcurrentHashMap<>();
    private final Map<String, Set<FluxSink<OrderEvent.OrderStatusChanged>>> byCustomer = new ConcurrentHashMap<>();
    private final Set<FluxSink<OrderEvent.OrderStatusChanged>> everyOrder = ConcurrentHashMap.newKeySet();
    private final AtomicInteger live = new AtomicInteger();
    private final CountDownLatch positioned = new CountDownLatch(1);
    /** Last version pushed per order, bounded (only the feed thread touches it). */
    private final Map<String, Long> lastVersion = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 100_000;
        }
    };
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;
    private final LiveFeedTimings timings;

    public OrderEventsLiveFeed(ConsumerFactory<String, byte[]> consumerFactory, LiveFeedTimings timings, MeterRegistry meters) {
        this.consumerFactory = consumerFactory;
        this.timings = timings;
        Gauge.builder("orders.live.subscriptions", live, AtomicInteger::get)
                .description("Live order subscriptions listening to this instance's feed").register(meters);
    }

    /**
     * The changes of one order. An event reaches the subscribers of its order, of its customer and of every order
     * by three lookups, whatever the number of subscriptions (it used to be tested against every subscription of the
     * instance: 10 000 predicates per event with 10 000 trackers, on the feed's one thread).
     */
    public Flux<OrderEvent.OrderStatusChanged> order(String orderId) {
        return listen(byOrder, orderId);
    }

    /** The changes of every order of one customer. */
    public Flux<OrderEvent.OrderStatusChanged> customer(String customerId) {
        return listen(byCustomer, customerId);
    }

    /** The changes of every order (the shop's dashboard). */
    public Flux<OrderEvent.OrderStatusChanged> everyOrder() {
        return Flux.create(sink -> {
            everyOrder.add(sink);
            live.incrementAndGet();
            sink.onDispose(() -> {
                everyOrder.remove(sink);
                live.decrementAndGet();
            });
        }, FluxSink.OverflowStrategy.IGNORE);
    }

    /** Live subscriptions listening now (also the gauge {@code orders_live_subscriptions}). */
    public int liveSubscriptions() {
        return live.get();
    }

    /**
     * Listens under {@code key} while subscribed. The feed's thread pushes regardless of demand (IGNORE): the caller
     * bounds what may wait ({@code onBackpressureBuffer}), as it did with the multicast sink before.
     */
    private Flux<OrderEvent.OrderStatusChanged> listen(Map<String, Set<FluxSink<OrderEvent.OrderStatusChanged>>> index, String key) {
        return Flux.create(sink -> {
            index.compute(key, (k, set) -> {
                Set<FluxSink<OrderEvent.OrderStatusChanged>> s = set == null ? ConcurrentHashMap.newKeySet() : set;
                s.add(sink);
                return s;
            });
            live.incrementAndGet();
            sink.onDispose(() -> {
                index.computeIfPresent(key, (k, set) -> {
                    set.remove(sink);
                    return set.isEmpty() ? null : set;
                });
                live.decrementAndGet();
            });
        }, FluxSink.OverflowStrategy.IGNORE);
    }

    private void publish(OrderEvent.OrderStatusChanged e) {
        push(byOrder.get(e.orderId()), e);
        if (e.customerId() != null) push(byCustomer.get(e.customerId()), e);
        push(everyOrder, e);
    }

    private static void push(Set<FluxSink<OrderEvent.OrderStatusChanged>> sinks, OrderEvent.OrderStatusChanged e) {
        if (sinks == null) return;
        for (FluxSink<OrderEvent.OrderStatusChanged> s : sinks) s.next(e);
    }

    /** Whether the feed is reading from the end of every partition (tests wait for this before subscribing). */
    public boolean isPositioned() {
        return positioned.getCount() == 0;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("orders-live-feed").start(this::run);
        try {
            if (!positioned.await(30, TimeUnit.SECONDS)) log.warn("live order feed not positioned after 30 s; continuing");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        while (running) {
            try (Consumer<String, byte[]> c = consumerFactory.createConsumer("subgraph-orders-live-" + UUID.randomUUID(), null, null, overrides)) {
                consumer = c;
                List<PartitionInfo> partitions = c.partitionsFor(Topics.ORDER_EVENTS, Duration.ofSeconds(30));
                List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(assigned);
                c.seekToEnd(assigned);
                assigned.forEach(c::position); // resolve the end offsets now, not at the first poll
                positioned.countDown();
                while (running) {
                    var records = c.poll(Duration.ofMillis(500));
                    long polled = System.currentTimeMillis();
                    for (ConsumerRecord<String, byte[]> record : records) emit(record, polled);
                }
            } catch (WakeupException e) {
                if (running) log.warn("live order feed woken up unexpectedly; restarting");
            } catch (RuntimeException e) {
                if (!running) return;
                log.warn("live order feed failed, restarting in 1 s: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void emit(ConsumerRecord<String, byte[]> record, long polledMillis) {
        InboundMessages.handle(record, envelope -> {
            if (envelope.payload() instanceof OrderEvent.OrderStatusChanged changed && isNew(changed)) {
                timings.consumed(changed.at(), polledMillis);
                long start = System.nanoTime();
                publish(changed);
                timings.dispatched(System.nanoTime() - start);
            }
        });
    }

    /**
     * The outbox delivers at least once: after a crash an order's events may be sent again. Subscribers must see each
     * change once and in order, so an event whose version is not above the last one seen for its order is dropped.
     */
    private boolean isNew(OrderEvent.OrderStatusChanged e) {
        Long last = lastVersion.get(e.orderId());
        if (last != null && e.version() <= last) return false;
        lastVersion.put(e.orderId(), e.version());
        return true;
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) c.wakeup();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Map<String, Set<FluxSink<OrderEvent.OrderStatusChanged>>> index : List.of(byOrder, byCustomer)) {
            index.values().forEach(set -> set.forEach(FluxSink::complete));
        }
        everyOrder.forEach(FluxSink::complete);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (which starts in the last phases), so subscriptions it accepts are covered. */
    @Override
    public int getPhase() {
        return 0;
    }
}
