package com.shopbff.customer.account;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The two brakes on password guessing, in the {@code sign_in_failures} collection:
 * <ul>
 *   <li>per email: {@code maxFailuresPerAccount} failures in a row lock the email for {@code accountLockout}.
 *       Kept per email, not per account, so that unknown emails lock exactly like known ones and the answer never
 *       tells whether an account exists;</li>
 *   <li>per client address: the times of its last {@code maxFailuresPerClient} failures; when the oldest of them
 *       is within {@code clientWindow}, the address is refused (a sliding window).</li>
 * </ul>
 */
@Component
public class SignInThrottle {
    static final String COLLECTION = "sign_in_failures";
    private final MongoTemplate mongo;
    private final AccountProperties properties;
    private final Clock clock;

    public SignInThrottle(MongoTemplate mongo, AccountProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    public boolean emailLocked(String emailLower) {
        Document d = mongo.findById(emailKey(emailLower), Document.class, COLLECTION);
        Date until = d == null ? null : d.getDate("lockedUntil");
        return until != null && until.toInstant().isAfter(clock.instant());
    }

    public boolean clientBlocked(String clientAddress) {
        Document d = mongo.findById(clientKey(clientAddress), Document.class, COLLECTION);
        if (d == null) return false;
        List<Date> times = d.getList("times", Date.class, List.of());
        if (times.size() < properties.maxFailuresPerClient()) return false;
        Instant oldest = times.get(times.size() - properties.maxFailuresPerClient()).toInstant();
        return oldest.isAfter(clock.instant().minus(properties.clientWindow()));
    }

    public void recordFailure(String emailLower, String clientAddress) {
        Instant now = clock.instant();
        mongo.upsert(Query.query(where("_id").is(clientKey(clientAddress))),
                new Update().push("times").slice(-properties.maxFailuresPerClient()).each(Date.from(now)), COLLECTION);
        Document d = mongo.findAndModify(Query.query(where("_id").is(emailKey(emailLower))), new Update().inc("failures", 1),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
        if (d != null && d.get("failures", Number.class).intValue() >= properties.maxFailuresPerAccount()) {
            // The count restarts, so after the lock ends another full series of failures is needed to lock again.
            mongo.updateFirst(Query.query(where("_id").is(emailKey(emailLower))),
                    new Update().set("failures", 0).set("lockedUntil", Date.from(now.plus(properties.accountLockout()))), COLLECTION);
        }
    }

    /** A successful sign-in ends the series of failures of that email. */
    public void recordSuccess(String emailLower) {
        mongo.remove(Query.query(where("_id").is(emailKey(emailLower)).and("lockedUntil").exists(false)), COLLECTION);
        mongo.updateFirst(Query.query(where("_id").is(emailKey(emailLower))), new Update().set("failures", 0), COLLECTION);
    }

    private static String emailKey(String emailLower) {
        return "email:" + emailLower;
    }

    private static String clientKey(String address) {
        return "client:" + address;
    }
}
