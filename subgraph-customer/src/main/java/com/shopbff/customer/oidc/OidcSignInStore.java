package com.shopbff.customer.oidc;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Started provider sign-ins ({@code oidc_sign_ins}, {@code _id = state}): the nonce and PKCE code_verifier never
 * leave the server. Taken out exactly once on completion (findAndRemove), so a state cannot be replayed, and kept
 * only {@code shop.oidc.state-ttl}.
 */
@Component
public class OidcSignInStore {
    static final String COLLECTION = "oidc_sign_ins";
    private final MongoTemplate mongo;

    public OidcSignInStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @param customerId the signed-in customer who started a link (null for a sign-in) */
    public record Started(String state, String provider, String redirectUri, String nonce, String codeVerifier, Instant expiresAt,
                          String customerId) {}

    public void save(Started s) {
        mongo.insert(new Document("_id", s.state()).append("provider", s.provider()).append("redirectUri", s.redirectUri())
                .append("nonce", s.nonce()).append("codeVerifier", s.codeVerifier()).append("expiresAt", Date.from(s.expiresAt()))
                .append("customerId", s.customerId()), COLLECTION);
    }

    /** The started sign-in for this state, removed so that it completes at most once; null when unknown. */
    public Started take(String state) {
        Document d = mongo.findAndRemove(Query.query(where("_id").is(state)), Document.class, COLLECTION);
        if (d == null) return null;
        return new Started(d.getString("_id"), d.getString("provider"), d.getString("redirectUri"), d.getString("nonce"),
                d.getString("codeVerifier"), d.getDate("expiresAt").toInstant(), d.getString("customerId"));
    }

    @Scheduled(fixedDelayString = "${shop.oidc.cleanup-interval-ms:600000}", initialDelayString = "${shop.oidc.cleanup-interval-ms:600000}")
    public void removeExpired() {
        mongo.remove(Query.query(where("expiresAt").lt(new Date())), COLLECTION);
    }
}
