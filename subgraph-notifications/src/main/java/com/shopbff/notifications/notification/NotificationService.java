package com.shopbff.notifications.notification;

import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.NotificationEvent.NotificationCreated;
import com.shopbff.contracts.Topics;
import com.shopbff.notifications.channel.DeliveryService;
import com.shopbff.notifications.config.NotificationsProperties;
import com.shopbff.notifications.customer.CustomerDirectory;
import com.shopbff.notifications.preferences.PreferencesRepository;
import com.shopbff.support.messaging.OutboxEntry;
import com.shopbff.support.messaging.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Turns events into stored notifications, answers the history, and forgets what must be forgotten. */
@Service
public class NotificationService {
    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final NotificationRepository notifications;
    private final CustomerDirectory customers;
    private final PreferencesRepository preferences;
    private final DeliveryService delivery;
    private final OutboxRelay relay;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public NotificationService(NotificationRepository notifications, CustomerDirectory customers, PreferencesRepository preferences,
                               DeliveryService delivery, @Qualifier("notificationOutboxRelay") OutboxRelay relay,
                               NotificationsProperties properties, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.notifications = notifications;
        this.customers = customers;
        this.preferences = preferences;
        this.delivery = delivery;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores the notification an event makes, at most once per event: its id is the event id, so a redelivered event
     * hits the existing document. Returns the notification when this call stored it.
     */
    public Optional<StoredNotification> createFrom(Envelope<? extends Message> event) {
        Optional<NotificationDraft> draft = NotificationTemplates.render(event.payload());
        if (draft.isEmpty()) return Optional.empty();
        if (customers.isDeleted(draft.get().customerId())) {
            // An event that was in flight when its customer was erased: it must not bring their notifications back.
            meters.counter("shop.notifications.suppressed", "reason", "customer-erased").increment();
            return Optional.empty();
        }
        StoredNotification n = StoredNotification.of(event.eventId().toString(), draft.get(), event.occurredAt().truncatedTo(ChronoUnit.MILLIS));
        Instant now = clock.instant();
        OutboxEntry created = OutboxEntry.of(Topics.NOTIFICATION_EVENTS, new NotificationCreated(n.id(), n.customerId(), n.kind(),
                n.title(), n.body(), n.orderId(), n.createdAt()));
        boolean inserted = notifications.insertIfAbsent(n, delivery.channelsFor(n.customerId(), n.kind()), created, now);
        relayQuietly(n.id());
        if (inserted) meters.counter("shop.notifications.created", "kind", n.kind()).increment();
        return inserted ? Optional.of(n) : Optional.empty();
    }

    /** The live push goes out on the relay threads; a failed send is left to the outbox sweep. */
    private void relayQuietly(String id) {
        relay.relayLater(id);
    }

    @Scheduled(fixedDelayString = "${shop.notifications.outbox-interval:PT1S}")
    public void relayPending() {
        try {
            relay.relayAll();
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed, will retry: {}", e.getMessage());
        }
    }

    public record Page(List<StoredNotification> items, boolean hasNextPage, long totalCount) {}

    public Page history(String customerId, boolean unreadOnly, NotificationRepository.Position after, int size) {
        List<StoredNotification> rows = notifications.page(customerId, unreadOnly, after, size + 1);
        boolean more = rows.size() > size;
        return new Page(more ? rows.subList(0, size) : rows, more, notifications.count(customerId, unreadOnly));
    }

    public long unreadCount(String customerId) {
        return notifications.count(customerId, true);
    }

    public Optional<StoredNotification> markRead(String customerId, String id) {
        return notifications.markRead(id, customerId, clock.instant());
    }

    public long markAllRead(String customerId) {
        return notifications.markAllRead(customerId, clock.instant());
    }

    /** CustomerDeleted: the customer's notifications, preferences, contact details and dead letters go. */
    public long eraseCustomer(String customerId) {
        customers.erase(customerId);
        long deleted = notifications.deleteByCustomer(customerId);
        preferences.delete(customerId);
        delivery.eraseCustomer(customerId);
        log.info("erased customer {}: {} notifications", customerId, deleted);
        return deleted;
    }

    /** Deletes notifications older than the retention; returns how many. */
    public long sweepExpired() {
        return notifications.deleteCreatedBefore(clock.instant().minus(properties.retention()));
    }

    @Scheduled(fixedDelayString = "${shop.notifications.retention-sweep-interval:PT1H}", initialDelayString = "PT1M")
    public void scheduledSweep() {
        try {
            long n = sweepExpired();
            if (n > 0) log.info("retention sweep deleted {} notifications older than {}", n, properties.retention());
        } catch (RuntimeException e) {
            log.warn("retention sweep failed, will retry: {}", e.getMessage());
        }
    }
}
