package com.shopbff.customer.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The ES256 key pairs that sign access tokens, kept in ONE document of the {@code signing_keys} collection so that
 * every customer instance signs with the same key and a restart keeps it. The document holds the CURRENT key (signs)
 * and the PREVIOUS keys still needed to verify tokens signed before the last rotation; the JWKS publishes the public
 * half of all of them. A rotation makes a new CURRENT key and keeps the old one published for at least one access
 * token lifetime, so nobody is signed out by it. Rotations are conditional on the document's version, so two
 * instances rotating at once cannot lose a key.
 */
@Component
public class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final String COLLECTION = "signing_keys";
    static final String RING_ID = "access-token-keys";
    private static final Duration RELOAD_ON_UNKNOWN_KID_AFTER = Duration.ofSeconds(2);

    private final MongoTemplate mongo;
    private final SecurityProperties properties;
    private volatile Ring ring;
    private volatile Instant lastLoad = Instant.EPOCH;

    /** The key set as loaded: the signing key and every published key, with the stored document's version. */
    record Ring(long version, ECKey current, Instant currentCreatedAt, JWKSet published) {}

    public SigningKeys(MongoTemplate mongo, SecurityProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
        this.ring = loadOrCreate();
    }

    public ECKey currentKey() {
        return ring.current();
    }

    /** The public keys, for the JWKS endpoint. */
    public JWKSet publicKeys() {
        return ring.published().toPublicJWKSet();
    }

    /**
     * A key source over the keys of this instance: when a token names a key id we do not know (another instance has
     * just rotated), it re-reads the stored keys, at most every two seconds.
     */
    public JWKSource<SecurityContext> verificationKeys() {
        return (JWKSelector selector, SecurityContext context) -> {
            List<JWK> found = selector.select(ring.published());
            if (found.isEmpty() && Instant.now().isAfter(lastLoad.plus(RELOAD_ON_UNKNOWN_KID_AFTER))) {
                try {
                    reload();
                } catch (RuntimeException e) {
                    throw new KeySourceException("could not reload signing keys", e);
                }
                found = selector.select(ring.published());
            }
            return found;
        };
    }

    /** Replaces the signing key now; the replaced key stays published. */
    public synchronized void rotate() {
        for (int attempt = 0; attempt < 10; attempt++) {
            Document stored = mongo.findById(RING_ID, Document.class, COLLECTION);
            if (stored == null) {
                ring = loadOrCreate();
                continue;
            }
            Instant now = Instant.now();
            Instant keepSince = now.minus(properties.accessTokenTtl()).minus(Duration.ofMinutes(5));
            List<Document> keys = new ArrayList<>();
            ECKey fresh = generate();
            keys.add(keyDoc(fresh, "CURRENT", now, null));
            for (Document k : stored.getList("keys", Document.class)) {
                if ("CURRENT".equals(k.getString("status"))) {
                    keys.add(new Document(k).append("status", "PREVIOUS").append("supersededAt", Date.from(now)));
                } else if (k.getDate("supersededAt") != null && k.getDate("supersededAt").toInstant().isAfter(keepSince)) {
                    keys.add(k);
                }
            }
            long version = stored.get("version", Number.class).longValue();
            boolean done = mongo.updateFirst(Query.query(where("_id").is(RING_ID).and("version").is(version)),
                    new Update().set("keys", keys).set("version", version + 1), COLLECTION).getModifiedCount() == 1;
            if (done) {
                log.info("rotated the access-token signing key: new key id {}", fresh.getKeyID());
                reload();
                return;
            }
        }
        throw new IllegalStateException("could not rotate the signing keys: the key document kept changing");
    }

    /** Rotates when the signing key has reached {@code shop.security.key-rotation-interval}. */
    @Scheduled(fixedDelayString = "${shop.security.key-check-interval-ms:60000}", initialDelayString = "${shop.security.key-check-interval-ms:60000}")
    public void rotateIfDueAndReload() {
        try {
            reload();
            if (ring.currentCreatedAt().plus(properties.keyRotationInterval()).isBefore(Instant.now())) rotate();
        } catch (RuntimeException e) {
            log.warn("signing key check failed, retrying later: {}", e.getMessage());
        }
    }

    public void reload() {
        ring = loadOrCreate();
    }

    private Ring loadOrCreate() {
        for (int attempt = 0; attempt < 5; attempt++) {
            Document stored = mongo.findById(RING_ID, Document.class, COLLECTION);
            if (stored != null) {
                lastLoad = Instant.now();
                return parse(stored);
            }
            ECKey first = generate();
            try {
                mongo.insert(new Document("_id", RING_ID).append("version", 0L)
                        .append("keys", List.of(keyDoc(first, "CURRENT", Instant.now(), null))), COLLECTION);
                log.info("created the access-token signing key {}", first.getKeyID());
            } catch (DuplicateKeyException e) {
                // Another instance created the key set first: use theirs.
            }
        }
        throw new IllegalStateException("could not load or create the signing keys");
    }

    private static Ring parse(Document stored) {
        ECKey current = null;
        Instant currentCreatedAt = null;
        List<JWK> all = new ArrayList<>();
        for (Document k : stored.getList("keys", Document.class)) {
            try {
                ECKey key = ECKey.parse(k.getString("jwk"));
                all.add(key);
                if ("CURRENT".equals(k.getString("status"))) {
                    current = key;
                    currentCreatedAt = k.getDate("createdAt").toInstant();
                }
            } catch (ParseException e) {
                throw new IllegalStateException("unreadable signing key " + k.getString("kid"), e);
            }
        }
        if (current == null) throw new IllegalStateException("the signing key set has no CURRENT key");
        return new Ring(stored.get("version", Number.class).longValue(), current, currentCreatedAt, new JWKSet(all));
    }

    private static Document keyDoc(ECKey key, String status, Instant createdAt, Instant supersededAt) {
        Document d = new Document("kid", key.getKeyID()).append("status", status).append("createdAt", Date.from(createdAt))
                .append("jwk", key.toJSONString());
        if (supersededAt != null) d.append("supersededAt", Date.from(supersededAt));
        return d;
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
