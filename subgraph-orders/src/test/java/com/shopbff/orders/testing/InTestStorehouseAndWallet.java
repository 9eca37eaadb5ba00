package com.shopbff.orders.testing;

import com.shopbff.contracts.CatalogCommand;
import com.shopbff.contracts.CatalogEvent;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.SagaReply;
import com.shopbff.contracts.Topics;
import com.shopbff.contracts.WalletCommand;
import com.shopbff.embedded.SharedTestInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST STAND-IN, not the real catalog or wallet: a tiny storehouse and wallet that answer the saga's commands over the
 * real Kafka broker, so the orders subgraph's integration tests run the whole message flow without the other
 * subgraphs. It keeps stock and balances in memory and counts compensations so tests can assert on them. Products
 * or customers marked silent get no reply (to exercise timeouts). The real end-to-end runs in the full stack.
 */
public final class InTestStorehouseAndWallet {
    private static InTestStorehouseAndWallet shared;

    public final Map<String, Integer> stock = new ConcurrentHashMap<>();
    public final Map<String, Long> balances = new ConcurrentHashMap<>();
    public final Map<String, List<CatalogCommand.Line>> reservations = new ConcurrentHashMap<>();
    public final Set<String> committed = ConcurrentHashMap.newKeySet();
    public final Map<String, Long> charges = new ConcurrentHashMap<>();
    public final Set<String> silentProducts = ConcurrentHashMap.newKeySet();
    public final Set<String> silentCustomers = ConcurrentHashMap.newKeySet();
    /** Wallet commands of these customers are held, as if the wallet were down, until {@link #resumeWallet}. */
    private final Set<String> walletDown = ConcurrentHashMap.newKeySet();
    private final List<Message> held = new java.util.ArrayList<>();
    public final AtomicInteger releases = new AtomicInteger();
    public final AtomicInteger returns = new AtomicInteger();
    public final AtomicInteger refunds = new AtomicInteger();
    private final KafkaProducer<String, byte[]> producer;

    public static synchronized InTestStorehouseAndWallet shared() {
        if (shared == null) shared = new InTestStorehouseAndWallet(SharedTestInfra.kafka().bootstrapServers());
        return shared;
    }

    private InTestStorehouseAndWallet(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p);
        Thread.ofPlatform().daemon().name("in-test-storehouse-and-wallet").start(() -> run(bootstrap));
    }

    /** Publishes a product to catalog.events as the catalog would, and stocks it. */
    public void product(String id, String name, long priceMinor, int units) {
        product(id, name, priceMinor, units, null);
    }

    /** @param taxClass the tax class of the product's category (null = standard) */
    public void product(String id, String name, long priceMinor, int units, String taxClass) {
        stock.put(id, units);
        send(Topics.CATALOG_EVENTS, new CatalogEvent.ProductChanged(id, name, priceMinor, "USD", true, units, taxClass));
    }

    public void deactivate(String id, String name) {
        send(Topics.CATALOG_EVENTS, new CatalogEvent.ProductChanged(id, name, 100, "USD", false, 0));
    }

    public void pickupPoint(String id, String name) {
        send(Topics.CATALOG_EVENTS, new CatalogEvent.PickupPointChanged(id, name, "1 Depot Road", null, "Leeds", "LS2 2BB", "GB", true));
    }

    /** Replies are sent without waiting for the broker (the producer keeps their order per key), like a busy service. */
    private void reply(Message message) {
        producer.send(new ProducerRecord<>(Topics.ORDER_SAGA_REPLIES, message.key(), MessageCodec.encode(Envelope.of(message))),
                (meta, e) -> { if (e != null) System.err.println("in-test participant could not reply: " + e); });
    }

    public void send(String topic, Message message) {
        try {
            producer.send(new ProducerRecord<>(topic, message.key(), MessageCodec.encode(Envelope.of(message)))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String customerOf(WalletCommand w) {
        return switch (w) {
            case WalletCommand.DebitWallet d -> d.customerId();
            case WalletCommand.RefundWallet r -> r.customerId();
        };
    }

    private void run(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "in-test-storehouse-and-wallet");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.CATALOG_COMMANDS, Topics.WALLET_COMMANDS));
            for (;;) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        handle(MessageCodec.decode(r.value()).payload());
                    } catch (RuntimeException e) {
                        System.err.println("in-test participant skipped a message: " + e);
                    }
                }
            }
        }
    }

    public synchronized void stopWalletFor(String customerId) {
        walletDown.add(customerId);
    }

    /** The wallet comes back and works through what it missed, in order. */
    public synchronized void resumeWallet(String customerId) {
        walletDown.remove(customerId);
        List<Message> backlog = List.copyOf(held);
        held.clear();
        backlog.forEach(this::handle);
    }

    private synchronized void handle(Message m) {
        if (m instanceof WalletCommand w && walletDown.contains(customerOf(w))) {
            held.add(m);
            return;
        }
        switch (m) {
            case CatalogCommand.ReserveStock r -> {
                if (r.lines().stream().anyMatch(l -> silentProducts.contains(l.productId()))) return;
                if (reservations.containsKey(r.orderId())) { reply(new SagaReply.StockReserved(r.orderId())); return; }
                List<SagaReply.Shortage> shortages = r.lines().stream()
                        .filter(l -> stock.getOrDefault(l.productId(), 0) < l.quantity())
                        .map(l -> new SagaReply.Shortage(l.productId(), l.quantity(), stock.getOrDefault(l.productId(), 0))).toList();
                if (!shortages.isEmpty()) { reply(new SagaReply.StockRejected(r.orderId(), shortages)); return; }
                r.lines().forEach(l -> stock.merge(l.productId(), -l.quantity(), Integer::sum));
                reservations.put(r.orderId(), r.lines());
                reply(new SagaReply.StockReserved(r.orderId()));
            }
            case CatalogCommand.ReleaseStock r -> {
                var lines = committed.contains(r.orderId()) ? null : reservations.remove(r.orderId());
                if (lines != null) { lines.forEach(l -> stock.merge(l.productId(), l.quantity(), Integer::sum)); releases.incrementAndGet(); }
            }
            case CatalogCommand.CommitStock c -> { if (reservations.containsKey(c.orderId())) committed.add(c.orderId()); }
            case CatalogCommand.ReturnStock r -> {
                if (committed.remove(r.orderId())) {
                    reservations.remove(r.orderId()).forEach(l -> stock.merge(l.productId(), l.quantity(), Integer::sum));
                    returns.incrementAndGet();
                }
            }
            case WalletCommand.DebitWallet d -> {
                if (silentCustomers.contains(d.customerId())) return;
                if (charges.containsKey(d.orderId())) {
                    reply(new SagaReply.WalletDebited(d.orderId(), d.customerId(), d.amountMinor(), d.currency()));
                } else if (balances.getOrDefault(d.customerId(), 0L) >= d.amountMinor()) {
                    balances.merge(d.customerId(), -d.amountMinor(), Long::sum);
                    charges.put(d.orderId(), d.amountMinor());
                    reply(new SagaReply.WalletDebited(d.orderId(), d.customerId(), d.amountMinor(), d.currency()));
                } else {
                    reply(new SagaReply.PaymentDeclined(d.orderId(), d.customerId(), SagaReply.DeclineReason.INSUFFICIENT_FUNDS));
                }
            }
            case WalletCommand.RefundWallet r -> {
                Long charged = charges.remove(r.orderId());
                if (charged != null) {
                    balances.merge(r.customerId(), charged, Long::sum);
                    refunds.incrementAndGet();
                    reply(new SagaReply.WalletRefunded(r.orderId(), r.customerId(), charged, "USD"));
                }
            }
            default -> { }
        }
    }
}
