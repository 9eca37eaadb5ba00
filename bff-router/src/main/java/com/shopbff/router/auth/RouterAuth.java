package com.shopbff.router.auth;

import com.shopbff.revocation.RevocationFeed;
import com.shopbff.revocation.RevocationList;

import java.time.Duration;
import java.util.Map;

/**
 * The router's token checking as configured: no validation without a JWKS URL; with one, signature and expiry, plus
 * the revocation feed when one is configured. Closing it stops the feed.
 */
public final class RouterAuth implements AutoCloseable {
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(10);
    private final TokenValidator validator;
    private final RevocationFeed feed;
    private final RevocationList revocations;

    private RouterAuth(TokenValidator validator, RevocationFeed feed, RevocationList revocations) {
        this.validator = validator;
        this.feed = feed;
        this.revocations = revocations;
    }

    /**
     * @param jwksUrl    null: tokens are not validated (the subgraphs still do)
     * @param revocation null: no revocation feed
     */
    public static RouterAuth start(String jwksUrl, RevocationSettings revocation) {
        if (jwksUrl == null) {
            if (revocation != null) throw new IllegalArgumentException("a revocation feed needs token validation: set the JWKS URL too");
            return new RouterAuth(null, null, null);
        }
        if (revocation == null) return new RouterAuth(new JwksTokenValidator(jwksUrl, null), null, null);
        RevocationList list = new RevocationList(revocation.keep());
        RevocationFeed feed = RevocationFeed.start(new RevocationFeed.Settings(revocation.bootstrapServers(), revocation.topic(), Map.of()), list);
        try {
            if (!feed.awaitCaughtUp(CATCH_UP_WAIT)) {
                System.err.printf("bff-router: the revocation feed on %s has not caught up within %d s; it goes on in the background%n",
                        revocation.topic(), CATCH_UP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new RouterAuth(new JwksTokenValidator(jwksUrl, list), feed, list);
    }

    /** The validator, or null when tokens are not validated. */
    public TokenValidator validator() {
        return validator;
    }

    /**
     * Runs {@code action} after each revocation read from the feed (on the feed's thread; never without a feed), so
     * that connections authenticated earlier can be checked again with {@link TokenValidator#revoked}.
     */
    public void onRevocation(Runnable action) {
        if (revocations != null) revocations.addListener(r -> action.run());
    }

    /** Revocations read from the feed so far (0 without a feed). */
    public long revocationsRead() {
        return feed == null ? 0 : feed.applied();
    }

    @Override
    public void close() {
        if (feed != null) feed.close();
    }
}
