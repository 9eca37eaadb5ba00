package com.shopbff.catalog.stock;

import com.shopbff.catalog.CatalogProperties;
import com.shopbff.catalog.messaging.CatalogOutbox;
import com.shopbff.contracts.CatalogCommand;
import com.shopbff.contracts.SagaReply;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.OutboxEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storehouse side of the order saga: reserve all lines of an order or none, then release, commit or return
 * them. Each command is idempotent twice over: the reservation document keyed by order id moves through its states
 * with conditional updates, and each product records which order holds (or got back) its units.
 */
@Service
public class ReservationService {
    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

    private final MongoTemplate mongo;
    private final ProductStock stock;
    private final CatalogOutbox outbox;
    private final CatalogProperties properties;
    private final Clock clock;
    private final Map<ReservationDocument.Status, Counter> reached = new java.util.EnumMap<>(ReservationDocument.Status.class);

    public ReservationService(MongoTemplate mongo, ProductStock stock, CatalogOutbox outbox, CatalogProperties properties,
                              MeterRegistry meters) {
        for (ReservationDocument.Status s : ReservationDocument.Status.values()) {
            if (s.name().endsWith("ING")) continue; // in-between states are not outcomes
            reached.put(s, Counter.builder("shop.stock.reservations")
                    .description("Stock reservations by the status they reached (reserved, rejected, committed, released, expired, returned)")
                    .tag("status", s.name().toLowerCase(java.util.Locale.ROOT)).register(meters));
        }
        this.mongo = mongo;
        this.stock = stock;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    public Optional<ReservationDocument> find(String orderId) {
        return Optional.ofNullable(mongo.findById(orderId, ReservationDocument.class));
    }

    public void handle(CatalogCommand command) {
        switch (command) {
            case CatalogCommand.ReserveStock c -> reserve(c);
            case CatalogCommand.ReleaseStock c -> release(c.orderId());
            case CatalogCommand.CommitStock c -> commit(c.orderId());
            case CatalogCommand.ReturnStock c -> returnStock(c.orderId());
        }
    }

    /** All lines or none; answers StockReserved or StockRejected (with the lines that fall short). */
    public ReservationDocument.Status reserve(CatalogCommand.ReserveStock command) {
        String orderId = command.orderId();
        Instant now = clock.instant();
        List<ReservationDocument.Line> lines = merged(command.lines());
        Instant expiresAt = now.plus(properties.reservationTtl());
        try {
            try {
                mongo.insert(new ReservationDeadline(orderId, expiresAt));
            } catch (DuplicateKeyException e) {
                // a repeated command: the first deadline stands
            }
            mongo.insert(new ReservationDocument(orderId, ReservationDocument.Status.RESERVING, null, lines, List.of(),
                    now, expiresAt, now, List.of()));
        } catch (DuplicateKeyException e) {
            ReservationDocument existing = find(orderId).orElseThrow();
            if (existing.status() != ReservationDocument.Status.RESERVING) {
                // A redelivered or repeated command: nothing moves again, the saga gets the same answer again.
                answerAgain(existing);
                return existing.status();
            }
            lines = existing.lines(); // resuming after a crash: the lines as first recorded
        }

        List<SagaReply.Shortage> shortages = new ArrayList<>();
        List<ReservationDocument.Line> taken = new ArrayList<>();
        for (ReservationDocument.Line line : lines) {
            if (line.productId() == null || line.productId().isBlank() || line.quantity() <= 0) {
                shortages.add(new SagaReply.Shortage(line.productId(), line.quantity(), 0));
                continue;
            }
            if (!shortages.isEmpty()) {
                // Already refused: only find out whether this line would fall short too, without taking it.
                int available = stock.available(line.productId());
                if (available < line.quantity()) shortages.add(new SagaReply.Shortage(line.productId(), line.quantity(), available));
                continue;
            }
            ProductStock.Result r = stock.take(line.productId(), orderId, line.quantity());
            switch (r.outcome()) {
                case DONE, ALREADY_DONE -> taken.add(line);
                case SHORT, NOT_FOUND -> shortages.add(new SagaReply.Shortage(line.productId(), line.quantity(), r.stock()));
            }
        }
        if (!shortages.isEmpty()) {
            for (ReservationDocument.Line line : taken) stock.release(line.productId(), orderId);
            finish(orderId, ReservationDocument.Status.RESERVING, ReservationDocument.Status.REJECTED,
                    new Update().set("shortages", shortages), new SagaReply.StockRejected(orderId, shortages));
            settled(orderId);
            return ReservationDocument.Status.REJECTED;
        }
        finish(orderId, ReservationDocument.Status.RESERVING, ReservationDocument.Status.RESERVED, new Update(),
                new SagaReply.StockReserved(orderId));
        return ReservationDocument.Status.RESERVED;
    }

    /** Gives the held stock back (payment failed, order cancelled before confirmation, saga timed out). */
    public void release(String orderId) {
        Optional<ReservationDocument> found = find(orderId);
        if (found.isEmpty()) {
            // Nothing reserved yet: remember the release, so that a late ReserveStock holds nothing.
            try {
                Instant now = clock.instant();
                mongo.insert(new ReservationDocument(orderId, ReservationDocument.Status.RELEASED, null, List.of(), List.of(),
                        now, now, now, List.of()));
                return;
            } catch (DuplicateKeyException e) {
                found = find(orderId);
            }
        }
        ReservationDocument r = found.orElseThrow();
        switch (r.status()) {
            case RESERVED, RESERVING -> {
                if (!move(orderId, r.status(), ReservationDocument.Status.RELEASING,
                        new Update().set("finalStatus", ReservationDocument.Status.RELEASED))) {
                    release(orderId);
                    return;
                }
                releaseLines(orderId, r.lines(), ReservationDocument.Status.RELEASED);
            }
            case RELEASING -> releaseLines(orderId, r.lines(), r.finalStatus());
            default -> log.info("release of order {} ignored: its reservation is {}", orderId, r.status());
        }
    }

    /** Makes the reservation final: the order is confirmed. */
    public void commit(String orderId) {
        // The usual case in one round trip: claim RESERVED → COMMITTING and get the lines with it.
        ReservationDocument claimed = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(orderId).and("status").is(ReservationDocument.Status.RESERVED)),
                new Update().set("status", ReservationDocument.Status.COMMITTING).set("updatedAt", clock.instant()),
                ReservationDocument.class);
        if (claimed != null) {
            commitLines(orderId, claimed.lines());
            return;
        }
        Optional<ReservationDocument> found = find(orderId);
        if (found.isEmpty()) {
            log.warn("commit of order {} ignored: it reserved nothing", orderId);
            return;
        }
        ReservationDocument r = found.get();
        switch (r.status()) {
            case RESERVED -> {
                if (!move(orderId, ReservationDocument.Status.RESERVED, ReservationDocument.Status.COMMITTING, new Update())) {
                    commit(orderId);
                    return;
                }
                commitLines(orderId, r.lines());
            }
            case EXPIRED -> {
                // Paid after the reservation expired: take the units again if they are still there.
                if (!move(orderId, ReservationDocument.Status.EXPIRED, ReservationDocument.Status.COMMITTING, new Update())) {
                    commit(orderId);
                    return;
                }
                for (ReservationDocument.Line line : r.lines()) {
                    ProductStock.Result taken = stock.take(line.productId(), orderId, line.quantity());
                    if (taken.outcome() == ProductStock.Outcome.SHORT || taken.outcome() == ProductStock.Outcome.NOT_FOUND) {
                        log.error("order {} was confirmed after its reservation expired and {} has only {} of {} left",
                                orderId, line.productId(), taken.stock(), line.quantity());
                    }
                }
                commitLines(orderId, r.lines());
            }
            case COMMITTING -> commitLines(orderId, r.lines());
            default -> log.info("commit of order {} ignored: its reservation is {}", orderId, r.status());
        }
    }

    /** Puts committed stock back on sale (order cancelled after confirmation); a mere reservation is released. */
    public void returnStock(String orderId) {
        Optional<ReservationDocument> found = find(orderId);
        if (found.isEmpty()) {
            log.warn("return of order {} ignored: it reserved nothing", orderId);
            return;
        }
        ReservationDocument r = found.get();
        switch (r.status()) {
            case COMMITTED -> {
                if (!move(orderId, ReservationDocument.Status.COMMITTED, ReservationDocument.Status.RETURNING, new Update())) {
                    returnStock(orderId);
                    return;
                }
                returnLines(orderId, r.lines());
            }
            case RETURNING -> returnLines(orderId, r.lines());
            case RESERVED, RESERVING, RELEASING -> release(orderId);
            default -> log.info("return of order {} ignored: its reservation is {}", orderId, r.status());
        }
    }

    /** Gives back the stock of every reservation neither committed nor released before its expiry time. */
    public int expire(Instant now) {
        List<ReservationDeadline> due = mongo.find(Query.query(Criteria.where("expiresAt").lt(now)), ReservationDeadline.class);
        int expired = 0;
        for (ReservationDeadline deadline : due) {
            Optional<ReservationDocument> found = find(deadline.id());
            ReservationDocument.Status status = found.map(ReservationDocument::status).orElse(null);
            if (status == ReservationDocument.Status.RESERVING) continue; // in flight, or resumed by the redelivered command
            if (status == ReservationDocument.Status.RESERVED && found.get().expiresAt().isBefore(now)
                    && move(deadline.id(), ReservationDocument.Status.RESERVED, ReservationDocument.Status.RELEASING,
                            new Update().set("finalStatus", ReservationDocument.Status.EXPIRED))) {
                releaseLines(deadline.id(), found.get().lines(), ReservationDocument.Status.EXPIRED);
                expired++;
                log.info("reservation of order {} expired: its stock is back on sale", deadline.id());
            } else if (status != ReservationDocument.Status.RESERVED) {
                settled(deadline.id());
            }
        }
        return expired;
    }

    private void releaseLines(String orderId, List<ReservationDocument.Line> lines, ReservationDocument.Status finalStatus) {
        for (ReservationDocument.Line line : lines) stock.release(line.productId(), orderId);
        move(orderId, ReservationDocument.Status.RELEASING, finalStatus == null ? ReservationDocument.Status.RELEASED : finalStatus,
                new Update());
        settled(orderId);
    }

    private void commitLines(String orderId, List<ReservationDocument.Line> lines) {
        for (ReservationDocument.Line line : lines) stock.commit(line.productId(), orderId, line.quantity());
        move(orderId, ReservationDocument.Status.COMMITTING, ReservationDocument.Status.COMMITTED, new Update());
        settled(orderId);
    }

    /** The reservation no longer needs to expire. */
    private void settled(String orderId) {
        mongo.remove(Query.query(Criteria.where("_id").is(orderId)), ReservationDeadline.class);
    }

    private void returnLines(String orderId, List<ReservationDocument.Line> lines) {
        for (ReservationDocument.Line line : lines) stock.putBack(line.productId(), orderId, line.quantity());
        if (move(orderId, ReservationDocument.Status.RETURNING, ReservationDocument.Status.RETURNED, new Update())) {
            for (ReservationDocument.Line line : lines) stock.forgetReturn(line.productId(), orderId);
        }
    }

    /** Moves the reservation from one state to the next, only if it is still in {@code from}. */
    private boolean move(String orderId, ReservationDocument.Status from, ReservationDocument.Status to, Update update) {
        update.set("status", to).set("updatedAt", clock.instant());
        boolean moved = mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId).and("status").is(from)), update,
                ReservationDocument.class).getModifiedCount() == 1;
        Counter counter = reached.get(to);
        if (moved && counter != null) counter.increment();
        return moved;
    }

    private void finish(String orderId, ReservationDocument.Status from, ReservationDocument.Status to, Update update, SagaReply reply) {
        update.push("outbox", OutboxEntry.of(Topics.ORDER_SAGA_REPLIES, reply));
        if (move(orderId, from, to, update)) outbox.relayReservation(orderId);
    }

    private void answerAgain(ReservationDocument r) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(r.id())),
                new Update().push("outbox", OutboxEntry.of(Topics.ORDER_SAGA_REPLIES, r.reply())), ReservationDocument.class);
        outbox.relayReservation(r.id());
    }

    /** One line per product: an order listing a product twice needs the sum. */
    private static List<ReservationDocument.Line> merged(List<CatalogCommand.Line> lines) {
        Map<String, Integer> byProduct = new LinkedHashMap<>();
        for (CatalogCommand.Line l : lines) byProduct.merge(l.productId(), l.quantity(), Integer::sum);
        return byProduct.entrySet().stream().map(e -> new ReservationDocument.Line(e.getKey(), e.getValue())).toList();
    }
}
