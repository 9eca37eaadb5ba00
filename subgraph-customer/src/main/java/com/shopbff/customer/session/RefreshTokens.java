package com.shopbff.customer.session;

import com.shopbff.contracts.SessionEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.OutboxEntry;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Rotating refresh tokens. A token is {@code <family id>.<secret>}: the family id (128 random bits) names one
 * sign-in's chain of tokens, the secret (256 random bits) is stored only as its SHA-256. The family document in
 * {@code refresh_sessions} holds the hash of the one valid secret and the hashes of the secrets it replaced, so:
 * <ul>
 *   <li>{@link #rotate} accepts only the current secret and replaces it (single-document conditional update);</li>
 *   <li>presenting a replaced secret again is reuse, a sign of theft: the whole family is revoked;</li>
 *   <li>{@link #revoke} (sign-out) ends the family.</li>
 * </ul>
 * The family id is also the session id ({@code sid}) of the access tokens issued with it: ending a family puts an
 * {@code AccessRevoked} message for that session into the family document's outbox in the same update, so every router
 * and subgraph refuses the session's access tokens too ({@link SessionOutbox} sends it).
 * A fast hash is enough here: the secrets are random and long, not guessable passwords.
 */
@Component
public class RefreshTokens {
    static final String COLLECTION = "refresh_sessions";
    private static final int KEPT_REPLACED_HASHES = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final SecurityProperties properties;
    private final SessionOutbox outbox;

    public RefreshTokens(MongoTemplate mongo, SecurityProperties properties, SessionOutbox outbox) {
        this.mongo = mongo;
        this.properties = properties;
        this.outbox = outbox;
    }

    public enum Failure { UNKNOWN, EXPIRED, REVOKED, REUSED }

    /**
     * A new refresh token, or why there is none; {@code authTime} is when the family's sign-in happened,
     * {@code sessionId} the family id.
     */
    public record Rotation(String customerId, String token, String sessionId, Instant authTime, Failure failure) {}

    /** The session id (family id) of a refresh token this class made; null for a malformed token. */
    public static String sessionIdOf(String token) {
        Parsed p = parse(token);
        return p == null ? null : p.family();
    }

    /** Starts a family for a fresh sign-in. */
    public String create(String customerId) {
        String family = random(16);
        String secret = random(32);
        Instant now = Instant.now();
        mongo.insert(new Document("_id", family).append("customerId", customerId).append("currentHash", sha256(secret))
                .append("replacedHashes", List.of()).append("createdAt", Date.from(now)).append("authTime", Date.from(now))
                .append("expiresAt", Date.from(now.plus(properties.refreshTokenTtl()))).append("revoked", false), COLLECTION);
        return family + "." + secret;
    }

    public Rotation rotate(String token) {
        Parsed p = parse(token);
        if (p == null) return failed(Failure.UNKNOWN);
        Document family = mongo.findById(p.family(), Document.class, COLLECTION);
        if (family == null) return failed(Failure.UNKNOWN);
        String hash = sha256(p.secret());
        if (Boolean.TRUE.equals(family.getBoolean("revoked"))) return failed(Failure.REVOKED);
        if (!constantTimeEquals(hash, family.getString("currentHash"))) {
            if (family.getList("replacedHashes", String.class, List.of()).contains(hash)) {
                revokeFamily(p.family(), family.getString("customerId"), "REUSED");
                return failed(Failure.REUSED);
            }
            return failed(Failure.UNKNOWN);
        }
        Instant now = Instant.now();
        if (family.getDate("expiresAt").toInstant().isBefore(now)) return failed(Failure.EXPIRED);
        String secret = random(32);
        boolean rotated = mongo.updateFirst(Query.query(where("_id").is(p.family()).and("currentHash").is(hash).and("revoked").is(false)),
                new Update().set("currentHash", sha256(secret)).set("expiresAt", Date.from(now.plus(properties.refreshTokenTtl())))
                        .push("replacedHashes").slice(-KEPT_REPLACED_HASHES).each(hash), COLLECTION).getModifiedCount() == 1;
        if (!rotated) {
            // Two uses of the same token raced and the other won: that is reuse as well.
            revokeFamily(p.family(), family.getString("customerId"), "REUSED");
            return failed(Failure.REUSED);
        }
        Date authTime = family.getDate("authTime") == null ? family.getDate("createdAt") : family.getDate("authTime");
        return new Rotation(family.getString("customerId"), p.family() + "." + secret, p.family(), authTime.toInstant(), null);
    }

    /** Sign-out: ends the family of a current (or replaced) token. @return false for a token we do not know */
    public boolean revoke(String token) {
        Parsed p = parse(token);
        if (p == null) return false;
        Document family = mongo.findById(p.family(), Document.class, COLLECTION);
        if (family == null) return false;
        String hash = sha256(p.secret());
        boolean ours = constantTimeEquals(hash, family.getString("currentHash"))
                || family.getList("replacedHashes", String.class, List.of()).contains(hash);
        if (!ours) return false;
        revokeFamily(p.family(), family.getString("customerId"), "SIGNED_OUT");
        return true;
    }

    /**
     * Ends every session of the customer except {@code keepSessionId} (null: all of them), e.g. after a password change.
     * @return how many were ended
     */
    public int revokeAllOf(String customerId, String keepSessionId, String reason) {
        Query live = Query.query(where("customerId").is(customerId).and("revoked").is(false));
        live.fields().include("_id");
        int n = 0;
        for (Document f : mongo.find(live, Document.class, COLLECTION)) {
            String id = f.getString("_id");
            if (id.equals(keepSessionId)) continue;
            if (revokeFamily(id, customerId, reason)) n++;
        }
        return n;
    }

    /**
     * Erasure: every session of the customer is deleted. Their access tokens are revoked by the subject-wide
     * AccessRevoked the erasure sends with the account's tombstone.
     * @return how many sessions were deleted
     */
    public long removeAllOf(String customerId) {
        return mongo.remove(Query.query(where("customerId").is(customerId)), COLLECTION).getDeletedCount();
    }

    /** A session as a data export shows it: no secrets. */
    public record SessionSummary(Instant startedAt, Instant expiresAt, boolean revoked, String revokedReason) {}

    /** The customer's sessions (sign-ins), for the data export. */
    public List<SessionSummary> sessionsOf(String customerId) {
        return mongo.find(Query.query(where("customerId").is(customerId)), Document.class, COLLECTION).stream()
                .map(d -> new SessionSummary(d.getDate("createdAt").toInstant(), d.getDate("expiresAt").toInstant(),
                        Boolean.TRUE.equals(d.getBoolean("revoked")), d.getString("revokedReason"))).toList();
    }

    /** Drops families that have been expired or revoked for a day (kept that long so reuse is still recognised). */
    @Scheduled(fixedDelayString = "${shop.security.refresh-cleanup-interval-ms:3600000}", initialDelayString = "${shop.security.refresh-cleanup-interval-ms:3600000}")
    public void removeStale() {
        Date dayAgo = Date.from(Instant.now().minus(Duration.ofDays(1)));
        mongo.remove(Query.query(where("expiresAt").lt(dayAgo)), COLLECTION);
        mongo.remove(Query.query(where("revokedAt").lt(dayAgo)), COLLECTION);
    }

    /** Ends a family and, in the same update, queues the revocation of its access tokens. */
    private boolean revokeFamily(String family, String customerId, String reason) {
        Instant now = Instant.now();
        OutboxEntry revoked = OutboxEntry.of(Topics.SESSION_REVOCATIONS, new SessionEvent.AccessRevoked(customerId, family, now, reason));
        boolean done = mongo.updateFirst(Query.query(where("_id").is(family).and("revoked").is(false)),
                new Update().set("revoked", true).set("revokedReason", reason).set("revokedAt", Date.from(now))
                        .push("outbox", revoked.toDocument()), COLLECTION).getModifiedCount() == 1;
        if (done) outbox.relaySoon(family);
        return done;
    }

    private record Parsed(String family, String secret) {}

    private static Parsed parse(String token) {
        if (token == null || token.length() > 200) return null;
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) return null;
        return new Parsed(token.substring(0, dot), token.substring(dot + 1));
    }

    private static Rotation failed(Failure f) {
        return new Rotation(null, null, null, null, f);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
