package com.shopbff.catalog.messaging;

import com.shopbff.catalog.CatalogProperties;
import com.shopbff.catalog.pickup.PickupPointDocument;
import com.shopbff.catalog.product.ProductDocument;
import com.shopbff.catalog.stock.ReservationDocument;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The outboxes of the catalog's three kinds of documents: products (ProductChanged, StockChanged), reservations
 * (saga replies) and pickup points (PickupPointChanged). Writers call {@code relay*} right after their write; the
 * messages go out on two outbox threads.
 * A send that failed (Kafka unreachable) is retried every {@code outbox-sweep-interval}; a full sweep of every
 * outbox, for whatever a crash of any instance left behind, runs at start and every {@code outbox-full-sweep-interval}.
 * The full sweep scans whole collections (the embedded MongoDB server has no secondary index to find pending
 * entries), which is why it is rare.
 */
@Component
public class CatalogOutbox implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(CatalogOutbox.class);

    private final OutboxRelay products;
    private final OutboxRelay reservations;
    private final OutboxRelay pickupPoints;
    private final TaskScheduler scheduler;
    private final CatalogProperties properties;
    private final Set<Pending> failed = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> retry;
    private volatile ScheduledFuture<?> fullSweep;

    private record Pending(OutboxRelay relay, String id) {}

    private final ThreadPoolExecutor sender = OutboxRelay.newExecutor("catalog-outbox", 2);

    public CatalogOutbox(MongoTemplate mongo, MessagePublisher publisher, TaskScheduler scheduler, CatalogProperties properties) {
        this.products = new OutboxRelay(mongo, publisher, ProductDocument.COLLECTION, sender);
        this.reservations = new OutboxRelay(mongo, publisher, ReservationDocument.COLLECTION, sender);
        this.pickupPoints = new OutboxRelay(mongo, publisher, PickupPointDocument.COLLECTION, sender);
        this.scheduler = scheduler;
        this.properties = properties;
    }

    public void relayProduct(String id) {
        relay(products, id);
    }

    /**
     * Sends a product's pending events now and waits for the broker; returns whether they went out (if not, they are
     * retried like any failed send, and the caller must not count on them).
     */
    public boolean relayProductNow(String id) {
        try {
            products.relay(id);
            return true;
        } catch (RuntimeException e) {
            failed.add(new Pending(products, id));
            log.warn("outbox relay of product {} failed, will retry: {}", id, e.getMessage());
            return false;
        }
    }

    public void relayReservation(String id) {
        relay(reservations, id);
    }

    public void relayPickupPoint(String id) {
        relay(pickupPoints, id);
    }

    /** Sends everything pending in every outbox; returns how many messages went out. */
    public int relayAll() {
        int sent = 0;
        for (OutboxRelay relay : List.of(products, reservations, pickupPoints)) {
            try {
                sent += relay.relayAll();
            } catch (RuntimeException e) {
                log.warn("outbox sweep failed, will retry: {}", e.getMessage());
            }
        }
        return sent;
    }

    /** Retries the sends that failed; returns how many messages went out. */
    public int retryFailed() {
        int sent = 0;
        for (Pending p : List.copyOf(failed)) {
            failed.remove(p);
            try {
                sent += p.relay().relay(p.id());
            } catch (RuntimeException e) {
                failed.add(p);
                log.warn("outbox relay of {} failed again, will retry: {}", p.id(), e.getMessage());
            }
        }
        return sent;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startSweeping() {
        retry = scheduler.scheduleWithFixedDelay(this::retryFailed, properties.outboxSweepInterval());
        fullSweep = scheduler.scheduleWithFixedDelay(this::relayAll, properties.outboxFullSweepInterval());
    }

    @Override
    public void destroy() {
        if (retry != null) retry.cancel(false);
        if (fullSweep != null) fullSweep.cancel(false);
        sender.shutdown();
    }

    // The write already happened: the send goes out on the outbox threads (a Kafka listener does not wait for the
    // broker), and a failed send is retried every outbox-sweep-interval; it never fails the caller.
    private void relay(OutboxRelay relay, String id) {
        relay.relayLater(id, () -> failed.add(new Pending(relay, id)));
    }
}
