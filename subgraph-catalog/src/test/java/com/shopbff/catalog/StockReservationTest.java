package com.shopbff.catalog;

import com.shopbff.catalog.product.ProductDocument;
import com.shopbff.catalog.product.ProductRepository;
import com.shopbff.catalog.stock.ReservationDeadline;
import com.shopbff.catalog.stock.ReservationDocument;
import com.shopbff.catalog.stock.ReservationDocument.Status;
import com.shopbff.catalog.stock.ReservationService;
import com.shopbff.contracts.CatalogCommand;
import com.shopbff.contracts.CatalogCommand.Line;
import com.shopbff.contracts.CatalogEvent;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.SagaReply;
import com.shopbff.contracts.Topics;
import com.shopbff.embedded.SharedTestInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The storehouse: reservations all-or-nothing, never below zero, idempotent, expiring. */
class StockReservationTest extends CatalogTestBase {
    private static final List<Envelope<Message>> received = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean listening = new AtomicBoolean(true);
    private static Thread listener;
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    ReservationService reservations;
    @Autowired
    ProductRepository products;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double reservationsThatReached(String status) {
        return meters.get("shop.stock.reservations").tag("status", status).counter().count();
    }

    @BeforeAll
    static void listenToRepliesAndEvents() throws Exception {
        var ready = new java.util.concurrent.CountDownLatch(1);
        listener = Thread.ofPlatform().daemon().start(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "catalog-test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.ORDER_SAGA_REPLIES, Topics.CATALOG_EVENTS));
                while (consumer.assignment().isEmpty()) consumer.poll(Duration.ofMillis(100));
                ready.countDown();
                while (listening.get()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(MessageCodec.decode(r.value())));
                }
            }
        });
        ready.await();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        listening.set(false);
        producer.close();
    }

    @Test
    void twoHundredConcurrentReservationsForFiftyUnitsReserveExactlyFifty() throws Exception {
        String productId = createProduct(createCategory("Race " + tag()), "Scarce Tea", "3.00", 50);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Status>> outcomes = new ArrayList<>();
        String run = tag();
        double reservedBefore = reservationsThatReached("reserved");
        double rejectedBefore = reservationsThatReached("rejected");
        for (int i = 0; i < 200; i++) {
            String orderId = "race-" + run + "-" + i;
            outcomes.add(pool.submit(() -> reservations.reserve(new CatalogCommand.ReserveStock(orderId, List.of(new Line(productId, 1))))));
        }
        int reserved = 0;
        int rejected = 0;
        for (Future<Status> f : outcomes) {
            if (f.get() == Status.RESERVED) reserved++;
            else if (f.get() == Status.REJECTED) rejected++;
        }
        pool.shutdown();

        ProductDocument product = products.findById(productId).orElseThrow();
        assertThat(reserved).isEqualTo(50);
        assertThat(rejected).isEqualTo(150);
        assertThat(reservationsThatReached("reserved") - reservedBefore).as("shop_stock_reservations_total{status=reserved}").isEqualTo(50);
        assertThat(reservationsThatReached("rejected") - rejectedBefore).isEqualTo(150);
        assertThat(product.stock()).isZero();
        assertThat(product.reserved()).isEqualTo(50);
        assertThat(product.holds()).hasSize(50);
        // Every StockChanged announced along the way was a real, non-negative level: one per unit taken.
        await().atMost(Duration.ofSeconds(90)).until(() -> stockEvents(productId).size() >= 50);
        assertThat(stockEvents(productId)).allSatisfy(s -> assertThat(s).isBetween(0, 49)).doesNotHaveDuplicates();
    }

    @Test
    void stockMovedByAnotherInstanceIsReadAgainBeforeDecidingAndAnnouncedExactly() {
        String categoryId = createCategory("Elsewhere " + tag());
        String productId = createProduct(categoryId, "Shared", "1.00", 10);
        String first = "order-" + tag();
        assertThat(reservations.reserve(new CatalogCommand.ReserveStock(first, List.of(new Line(productId, 2))))).isEqualTo(Status.RESERVED);

        // Another catalog instance takes 7 of the 8 left: this instance's last known stock (8) is now wrong.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(productId)), new Update().inc("stock", -7), ProductDocument.class);
        String tooMuch = "order-" + tag();
        assertThat(reservations.reserve(new CatalogCommand.ReserveStock(tooMuch, List.of(new Line(productId, 2))))).isEqualTo(Status.REJECTED);
        String fits = "order-" + tag();
        assertThat(reservations.reserve(new CatalogCommand.ReserveStock(fits, List.of(new Line(productId, 1))))).isEqualTo(Status.RESERVED);
        assertThat(stockOf(productId)).isZero();
        await().atMost(Duration.ofSeconds(90)).until(() -> stockEvents(productId).contains(0));
        assertThat(stockEvents(productId)).containsExactly(8, 0);

        // Committing the first order ends its own hold only.
        reservations.commit(first);
        assertThat(statusOf(first)).isEqualTo(Status.COMMITTED);
        ProductDocument afterCommit = products.findById(productId).orElseThrow();
        assertThat(afterCommit.reserved()).isEqualTo(1);
        assertThat(afterCommit.holds()).containsExactly(new ProductDocument.StockHold(fits, 1));

        // Deleted by an administrator on another instance: a take on the stale guess must not go through.
        String gone = createProduct(categoryId, "Gone", "1.00", 5);
        reservations.reserve(new CatalogCommand.ReserveStock("order-" + tag(), List.of(new Line(gone, 1))));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(gone)), new Update().set("active", false), ProductDocument.class);
        String late = "order-" + tag();
        assertThat(reservations.reserve(new CatalogCommand.ReserveStock(late, List.of(new Line(gone, 1))))).isEqualTo(Status.REJECTED);
        assertThat(stockOf(gone)).isEqualTo(4);
    }

    @Test
    void anOrderIsReservedWhollyOrNotAtAllAndHearsWhichLinesFallShort() {
        String categoryId = createCategory("All or nothing " + tag());
        String plenty = createProduct(categoryId, "Plenty", "1.00", 5);
        String scarce = createProduct(categoryId, "Scarce", "1.00", 1);
        String orderId = "order-" + tag();

        Status status = reservations.reserve(new CatalogCommand.ReserveStock(orderId, List.of(new Line(plenty, 2), new Line(scarce, 3))));

        assertThat(status).isEqualTo(Status.REJECTED);
        assertThat(stockOf(plenty)).isEqualTo(5);
        assertThat(stockOf(scarce)).isEqualTo(1);
        assertThat(products.findById(plenty).orElseThrow().holds()).isEmpty();
        SagaReply.StockRejected reply = (SagaReply.StockRejected) awaitReplies(orderId, 1).getFirst();
        assertThat(reply.shortages()).containsExactly(new SagaReply.Shortage(scarce, 3, 1));
    }

    @Test
    void aRedeliveredReserveCommandTakesTheStockOnceAndGetsTheSameAnswerAgain() {
        String productId = createProduct(createCategory("Redelivery " + tag()), "Twice", "1.00", 10);
        String orderId = "order-" + tag();
        Envelope<CatalogCommand.ReserveStock> command = Envelope.of(new CatalogCommand.ReserveStock(orderId, List.of(new Line(productId, 4))));

        send(command);               // delivered
        send(command);               // redelivered: same event id
        send(Envelope.of(command.payload())); // sent again by the saga: new event id

        List<SagaReply> replies = awaitReplies(orderId, 2);
        assertThat(replies).allSatisfy(r -> assertThat(r).isEqualTo(new SagaReply.StockReserved(orderId)));
        assertThat(stockOf(productId)).isEqualTo(6);
        assertThat(reservations.find(orderId).orElseThrow().status()).isEqualTo(Status.RESERVED);
        assertThat(products.findById(productId).orElseThrow().reserved()).isEqualTo(4);
    }

    @Test
    void releaseGivesTheStockBackOnceAndCommitThenReturnPutsItBackOnSale() {
        String categoryId = createCategory("Lifecycle " + tag());
        String productId = createProduct(categoryId, "Cycle", "1.00", 10);
        String released = "order-" + tag();
        String committed = "order-" + tag();
        reservations.reserve(new CatalogCommand.ReserveStock(released, List.of(new Line(productId, 3))));
        reservations.reserve(new CatalogCommand.ReserveStock(committed, List.of(new Line(productId, 2))));
        assertThat(stockOf(productId)).isEqualTo(5);

        send(Envelope.of(new CatalogCommand.ReleaseStock(released)));
        send(Envelope.of(new CatalogCommand.ReleaseStock(released)));
        send(Envelope.of(new CatalogCommand.CommitStock(committed)));
        send(Envelope.of(new CatalogCommand.CommitStock(committed)));
        await().atMost(Duration.ofSeconds(90)).until(() -> statusOf(released) == Status.RELEASED && statusOf(committed) == Status.COMMITTED);
        assertThat(stockOf(productId)).isEqualTo(8);
        // Settled reservations no longer wait to expire (the deadline goes just after the status moves: wait for it).
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(released, ReservationDeadline.class) == null
                && mongo.findById(committed, ReservationDeadline.class) == null);
        reservations.expire(Instant.now().plus(Duration.ofHours(1)));
        assertThat(statusOf(committed)).isEqualTo(Status.COMMITTED);
        assertThat(stockOf(productId)).isEqualTo(8);
        assertThat(products.findById(productId).orElseThrow().reserved()).isZero();

        send(Envelope.of(new CatalogCommand.ReturnStock(committed)));
        send(Envelope.of(new CatalogCommand.ReturnStock(committed)));
        await().atMost(Duration.ofSeconds(90)).until(() -> statusOf(committed) == Status.RETURNED);
        assertThat(stockOf(productId)).isEqualTo(10);
        assertThat(products.findById(productId).orElseThrow().returns()).isEmpty();

        // A late ReserveStock for an order already released holds nothing.
        String neverReserved = "order-" + tag();
        reservations.release(neverReserved);
        assertThat(reservations.reserve(new CatalogCommand.ReserveStock(neverReserved, List.of(new Line(productId, 1))))).isEqualTo(Status.RELEASED);
        assertThat(stockOf(productId)).isEqualTo(10);
    }

    @Test
    void aReservationNeitherCommittedNorReleasedExpiresAndGivesItsStockBack() {
        String productId = createProduct(createCategory("Expiry " + tag()), "Forgotten", "1.00", 4);
        String orderId = "order-" + tag();
        reservations.reserve(new CatalogCommand.ReserveStock(orderId, List.of(new Line(productId, 3))));
        ReservationDocument reservation = reservations.find(orderId).orElseThrow();
        assertThat(Duration.between(reservation.createdAt(), reservation.expiresAt())).isEqualTo(Duration.ofMinutes(15));

        reservations.expire(reservation.expiresAt().minusSeconds(1));
        assertThat(statusOf(orderId)).isEqualTo(Status.RESERVED);
        assertThat(stockOf(productId)).isEqualTo(1);

        reservations.expire(reservation.expiresAt().plusSeconds(1));
        assertThat(statusOf(orderId)).isEqualTo(Status.EXPIRED);
        assertThat(stockOf(productId)).isEqualTo(4);
        assertThat(mongo.findById(orderId, ReservationDeadline.class)).isNull();

        // Expired means no longer held: a repeated ReserveStock is answered "rejected", never "reserved".
        reservations.reserve(new CatalogCommand.ReserveStock(orderId, List.of(new Line(productId, 3))));
        assertThat(awaitReplies(orderId, 2).getLast()).isInstanceOf(SagaReply.StockRejected.class);
        assertThat(stockOf(productId)).isEqualTo(4);
    }

    @Test
    void productReadsShowAReservationAtOnceAndSearchesWithinTheIndexRefresh() {
        String productId = createProduct(createCategory("Visible " + tag()), "Shown", "1.00", 3);
        reservations.reserve(new CatalogCommand.ReserveStock("order-" + tag(), List.of(new Line(productId, 2))));
        assertThat((Integer) gql("query($id: ID!) { product(id: $id) { stock } }", Map.of("id", productId)).read("$.data.product.stock")).isEqualTo(1);
        // Storehouse movements reach the search index without a blocking refresh: visible after its 100 ms refresh (bound generous for a loaded machine: this checks visibility, not speed).
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !((List<Integer>) gql(
                "query($s: String) { products(filter: {search: $s}) { edges { node { stock } } } }",
                Map.of("s", "shown")).read("$.data.products.edges[?(@.node.stock == 1)].node.stock")).isEmpty());
    }

    @Test
    void everyChangeIsAnnouncedOnCatalogEventsForTheOrdersProjection() {
        String categoryId = createCategory("Events " + tag());
        String id = createProduct(categoryId, "Announced", "2.00", 5);
        gql("mutation($i: UpdateProductInput!) { updateProduct(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("id", id, "price", "2.40")), ADMIN);
        gql("mutation($i: AdjustStockInput!) { adjustStock(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("productId", id, "delta", 7)), ADMIN);
        gql("mutation($id: ID!) { deleteProduct(id: $id) { userErrors { code } } }", Map.of("id", id), ADMIN);
        String pickup = gql("mutation($i: CreatePickupPointInput!) { createPickupPoint(input: $i) { pickupPoint { id } } }",
                Map.of("i", Map.of("name", "Depot", "address", Map.of("line1", "1 Quay", "city", "Hull", "postalCode", "HU1 1AA", "country", "GB"))),
                ADMIN).read("$.data.createPickupPoint.pickupPoint.id");

        await().atMost(Duration.ofSeconds(90)).until(() -> payloads(id).size() >= 4 && !payloads(pickup).isEmpty());
        assertThat(payloads(id)).containsExactly(
                new CatalogEvent.ProductChanged(id, "Announced", 200, "USD", true, 5, "standard"),
                new CatalogEvent.ProductChanged(id, "Announced", 240, "USD", true, 5, "standard"),
                new CatalogEvent.StockChanged(id, 12),
                new CatalogEvent.ProductChanged(id, "Announced", 240, "USD", false, 12, "standard"));
        assertThat(payloads(pickup)).containsExactly(
                new CatalogEvent.PickupPointChanged(pickup, "Depot", "1 Quay", null, "Hull", "HU1 1AA", "GB", true));
    }

    private static List<Message> payloads(String key) {
        return received.stream().map(Envelope::payload).filter(p -> p instanceof CatalogEvent e && e.key().equals(key)).toList();
    }

    private void send(Envelope<? extends Message> envelope) {
        try {
            producer.send(new ProducerRecord<>(Topics.CATALOG_COMMANDS, envelope.key(), MessageCodec.encode(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<SagaReply> awaitReplies(String orderId, int atLeast) {
        await().atMost(Duration.ofSeconds(90)).until(() -> replies(orderId).size() >= atLeast);
        return replies(orderId);
    }

    private static List<SagaReply> replies(String orderId) {
        return received.stream().map(Envelope::payload).filter(p -> p instanceof SagaReply r && r.orderId().equals(orderId))
                .map(p -> (SagaReply) p).toList();
    }

    private static List<Integer> stockEvents(String productId) {
        return received.stream().map(Envelope::payload)
                .filter(p -> p instanceof CatalogEvent.StockChanged s && s.productId().equals(productId))
                .map(p -> ((CatalogEvent.StockChanged) p).stock()).toList();
    }

    private int stockOf(String productId) {
        return products.findById(productId).orElseThrow().stock();
    }

    private Status statusOf(String orderId) {
        return reservations.find(orderId).map(ReservationDocument::status).orElse(null);
    }
}
