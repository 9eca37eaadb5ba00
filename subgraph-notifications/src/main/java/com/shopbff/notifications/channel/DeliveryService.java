package com.shopbff.notifications.channel;

import com.shopbff.notifications.config.NotificationsProperties;
import com.shopbff.notifications.customer.CustomerDirectory;
import com.shopbff.notifications.notification.NotificationRepository;
import com.shopbff.notifications.notification.StoredNotification;
import com.shopbff.notifications.preferences.Preferences;
import com.shopbff.notifications.preferences.PreferencesRepository;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.shopbff.notifications.notification.NotificationRepository.DELIVERIES;
import static com.shopbff.notifications.notification.NotificationRepository.NEXT_DELIVERY_AT;
import static com.shopbff.notifications.notification.NotificationRepository.PENDING_CHANNELS;

/**
 * Sends notifications through the external channels, away from the Kafka consumer: the consumer only records which
 * channels a notification still owes (in the notification document), and this scheduled worker sends them, retries
 * with exponential backoff and, after the last attempt, writes a dead-letter record. So an SMTP outage never holds up
 * the next event, and the in-app notification exists whatever happens to the email. Several instances may run the
 * worker: a delivery is claimed with a conditional update before it is sent.
 */
@Service
public class DeliveryService {
    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);
    public static final String DEAD_LETTERS_SUFFIX = "_dead_letters";

    private final MongoTemplate mongo;
    private final Map<String, NotificationChannel> channels;
    private final PreferencesRepository preferences;
    private final CustomerDirectory customers;
    private final NotificationsProperties.Delivery settings;
    private final Clock clock;
    private final MeterRegistry meters;

    public DeliveryService(MongoTemplate mongo, List<NotificationChannel> channels, PreferencesRepository preferences,
                           CustomerDirectory customers, NotificationsProperties properties, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.mongo = mongo;
        this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
        this.preferences = preferences;
        this.customers = customers;
        this.settings = properties.delivery();
        this.clock = clock;
    }

    /** The channels a new notification of {@code kind} goes out through, by configuration and the customer's preferences. */
    public List<String> channelsFor(String customerId, String kind) {
        Preferences p = preferences.find(customerId);
        return channels.values().stream().filter(c -> c.isEnabled() && c.isWantedBy(p, kind)).map(NotificationChannel::name).sorted().toList();
    }

    @Scheduled(fixedDelayString = "${shop.notifications.delivery.poll-interval:PT1S}")
    public void deliverDue() {
        try {
            deliverDueNow();
        } catch (RuntimeException e) {
            log.warn("delivery round failed, will retry: {}", e.toString());
        }
    }

    /** One round: every due delivery of up to batch-size notifications; returns how many attempts were made. */
    public int deliverDueNow() {
        Instant now = clock.instant();
        Query due = Query.query(Criteria.where(PENDING_CHANNELS + ".0").exists(true).and(NEXT_DELIVERY_AT).lte(Date.from(now)))
                .with(Sort.by(Sort.Order.asc(NEXT_DELIVERY_AT))).limit(settings.batchSize());
        int attempts = 0;
        for (Document doc : mongo.find(due, Document.class, NotificationRepository.COLLECTION)) {
            for (String name : doc.getList(PENDING_CHANNELS, String.class, List.of())) {
                NotificationChannel channel = channels.get(name);
                if (channel == null || !channel.isEnabled()) continue; // another instance may have it configured
                Document all = doc.get(DELIVERIES, Document.class);
                Document state = all == null ? null : all.get(name, Document.class);
                if (state != null && state.getDate("nextAttemptAt") != null && state.getDate("nextAttemptAt").toInstant().isAfter(now)) continue;
                if (!claim(doc.getString("_id"), name, now)) continue;
                attempts++;
                attempt(NotificationRepository.toNotification(doc), channel, state == null ? 0 : state.getInteger("attempts", 0));
            }
        }
        return attempts;
    }

    private boolean claim(String id, String channel, Instant now) {
        String prefix = DELIVERIES + "." + channel + ".";
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and(PENDING_CHANNELS).is(channel)
                                .and(prefix + "lockedUntil").lt(Date.from(now))),
                        new Update().set(prefix + "lockedUntil", Date.from(now.plus(settings.claimTimeout()))),
                        NotificationRepository.COLLECTION).getModifiedCount() == 1;
    }

    private void attempt(StoredNotification n, NotificationChannel channel, int previousAttempts) {
        String prefix = DELIVERIES + "." + channel.name() + ".";
        Query mine = Query.query(Criteria.where("_id").is(n.id()));
        int attempts = previousAttempts + 1;
        var contact = customers.find(n.customerId());
        try {
            channel.send(n, contact);
            count(channel, "sent");
            mongo.updateFirst(mine, new Update().pull(PENDING_CHANNELS, channel.name()).set(prefix + "attempts", attempts)
                    .set(prefix + "sentAt", Date.from(clock.instant())), NotificationRepository.COLLECTION);
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            Instant now = clock.instant();
            if (attempts >= settings.maxAttempts()) {
                log.warn("{} delivery of notification {} failed for the last time ({} attempts): {}", channel.name(), n.id(), attempts, error);
                count(channel, "dead_letter");
                deadLetter(n, channel.name(), contact.map(CustomerDirectory.Contact::email).orElse(null), attempts, error, now);
                mongo.updateFirst(mine, new Update().pull(PENDING_CHANNELS, channel.name()).set(prefix + "attempts", attempts)
                        .set(prefix + "lastError", error).set(prefix + "deadLetteredAt", Date.from(now)), NotificationRepository.COLLECTION);
            } else {
                count(channel, "retry");
                log.info("{} delivery of notification {} failed (attempt {} of {}), will retry: {}", channel.name(), n.id(), attempts,
                        settings.maxAttempts(), error);
                Date next = Date.from(now.plus(settings.backoffAfter(attempts)));
                mongo.updateFirst(mine, new Update().set(prefix + "attempts", attempts).set(prefix + "lastError", error)
                        .set(prefix + "nextAttemptAt", next).set(NEXT_DELIVERY_AT, next)
                        .set(prefix + "lockedUntil", new Date(0)), NotificationRepository.COLLECTION);
            }
        }
    }

    private void count(NotificationChannel channel, String outcome) {
        meters.counter("shop.notifications.deliveries", "channel", channel.name(), "outcome", outcome).increment();
    }

    private void deadLetter(StoredNotification n, String channel, String recipient, int attempts, String error, Instant at) {
        Document letter = new Document("_id", n.id() + ":" + channel)
                .append("notificationId", n.id()).append("customerId", n.customerId()).append("channel", channel)
                .append("recipient", recipient).append("kind", n.kind()).append("title", n.title()).append("body", n.body())
                .append("attempts", attempts).append("lastError", error).append("at", Date.from(at));
        try {
            mongo.insert(letter, channel + DEAD_LETTERS_SUFFIX);
        } catch (DuplicateKeyException e) {
            // a claim that timed out let another instance dead-letter it too: one record is enough
        }
    }

    /** Erases the dead letters (they hold addresses and texts) of a deleted customer. */
    public void eraseCustomer(String customerId) {
        for (String channel : channels.keySet()) {
            mongo.remove(Query.query(Criteria.where("customerId").is(customerId)), channel + DEAD_LETTERS_SUFFIX);
        }
    }
}
