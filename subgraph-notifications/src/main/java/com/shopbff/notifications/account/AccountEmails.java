package com.shopbff.notifications.account;

import com.shopbff.contracts.CustomerEvent.AccountEmailRequested;
import com.shopbff.contracts.Envelope;
import com.shopbff.notifications.channel.EmailChannel;
import com.shopbff.notifications.config.NotificationsProperties;
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

/**
 * Account emails the customer subgraph asks for (verification and password-reset links, security notices): sent at
 * once through the {@link EmailChannel} to the address in the request, whatever the customer's notification
 * preferences, and not kept in the notification history. Stored in {@code account_emails} ({@code _id} = event id, so
 * a redelivered request sends nothing twice) until sent; a failed send is retried like notification deliveries
 * (same attempts and back-off settings), a link past its expiry is not sent. Once sent, the body (which holds the
 * single-use link) is dropped from the record.
 */
@Service
public class AccountEmails {
    static final String COLLECTION = "account_emails";
    private static final Logger log = LoggerFactory.getLogger(AccountEmails.class);
    private final MongoTemplate mongo;
    private final EmailChannel email;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public AccountEmails(MongoTemplate mongo, EmailChannel email, NotificationsProperties properties, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.email = email;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** Stores the email (once per event) and sends it right away. */
    public void accept(Envelope<?> envelope, AccountEmailRequested request) {
        Instant now = clock.instant();
        AccountEmailTemplates.Email rendered = AccountEmailTemplates.render(request, now);
        Document doc = new Document("_id", envelope.eventId().toString()).append("customerId", request.customerId())
                .append("kind", request.kind().name()).append("to", request.to()).append("name", request.name())
                .append("subject", rendered.subject()).append("body", rendered.body()).append("attempts", 0)
                .append("createdAt", Date.from(now)).append("nextAttemptAt", Date.from(now)).append("lockedUntil", new Date(0));
        if (request.expiresAt() != null) doc.append("expiresAt", Date.from(request.expiresAt()));
        try {
            mongo.insert(doc, COLLECTION);
        } catch (DuplicateKeyException redelivered) {
            return;
        }
        attempt(doc);
    }

    @Scheduled(fixedDelayString = "${shop.notifications.delivery.poll-interval:PT1S}")
    public void deliverDue() {
        try {
            Instant now = clock.instant();
            Query due = Query.query(Criteria.where("status").exists(false).and("nextAttemptAt").lte(Date.from(now)))
                    .with(Sort.by("nextAttemptAt")).limit(properties.delivery().batchSize());
            for (Document d : mongo.find(due, Document.class, COLLECTION)) attempt(d);
        } catch (RuntimeException e) {
            log.warn("account email round failed, will retry: {}", e.toString());
        }
    }

    /** A deleted customer's account emails go (they hold addresses). */
    public long eraseCustomer(String customerId) {
        return mongo.remove(Query.query(Criteria.where("customerId").is(customerId)), COLLECTION).getDeletedCount();
    }

    private void attempt(Document d) {
        String id = d.getString("_id");
        Instant now = clock.instant();
        Query mine = Query.query(Criteria.where("_id").is(id));
        Date expires = d.getDate("expiresAt");
        if (expires != null && expires.toInstant().isBefore(now)) {
            finish(mine, "EXPIRED", null);
            return;
        }
        if (!email.isEnabled()) {
            if (properties.logAccountLinks()) {
                log.info("account email (no SMTP server configured) to {}: {}\n{}", d.getString("to"), d.getString("subject"), d.getString("body"));
                finish(mine, "LOGGED", null);
            } else {
                // another instance may have SMTP configured; look again later
                mongo.updateFirst(mine, new Update().set("nextAttemptAt", Date.from(now.plus(properties.delivery().claimTimeout()))), COLLECTION);
            }
            return;
        }
        boolean claimed = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").exists(false)
                        .and("lockedUntil").lt(Date.from(now))),
                new Update().set("lockedUntil", Date.from(now.plus(properties.delivery().claimTimeout()))), COLLECTION).getModifiedCount() == 1;
        if (!claimed) return;
        int attempts = d.getInteger("attempts", 0) + 1;
        try {
            email.sendTo(d.getString("to"), d.getString("name"), d.getString("subject"), d.getString("body"));
            meters.counter("shop.notifications.account_emails", "kind", d.getString("kind"), "outcome", "sent").increment();
            finish(mine, "SENT", attempts);
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (attempts >= properties.delivery().maxAttempts()) {
                log.warn("account email {} ({}) could not be sent after {} attempts: {}", id, d.getString("kind"), attempts, error);
                meters.counter("shop.notifications.account_emails", "kind", d.getString("kind"), "outcome", "failed").increment();
                mongo.updateFirst(mine, new Update().set("status", "FAILED").set("attempts", attempts).set("lastError", error)
                        .unset("body").set("finishedAt", Date.from(now)), COLLECTION);
            } else {
                meters.counter("shop.notifications.account_emails", "kind", d.getString("kind"), "outcome", "retry").increment();
                mongo.updateFirst(mine, new Update().set("attempts", attempts).set("lastError", error).set("lockedUntil", new Date(0))
                        .set("nextAttemptAt", Date.from(now.plus(properties.delivery().backoffAfter(attempts)))), COLLECTION);
            }
        }
    }

    private void finish(Query mine, String status, Integer attempts) {
        Update u = new Update().set("status", status).unset("body").set("finishedAt", Date.from(clock.instant()));
        if (attempts != null) u.set("attempts", attempts);
        mongo.updateFirst(mine, u, COLLECTION);
    }
}
