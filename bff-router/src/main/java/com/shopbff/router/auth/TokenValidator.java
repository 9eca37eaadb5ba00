package com.shopbff.router.auth;

import java.util.Map;

/** Validates an {@code Authorization} header value. */
public interface TokenValidator {
    /** The problem told to a client whose session was revoked (signed out, erased). */
    String SESSION_ENDED = "This session has ended (signed out); sign in again.";

    /** The outcome of validating a header: {@link Accepted} (with the token's claims) or {@link Refused}. */
    sealed interface Verification permits Accepted, Refused {
    }

    /**
     * The header is acceptable.
     *
     * @param claims the verified token's claims (JSON values: strings, numbers, booleans, lists, maps); empty
     *               when there was no token
     */
    record Accepted(Map<String, Object> claims) implements Verification {
        public static final Accepted ANONYMOUS = new Accepted(Map.of());
    }

    /** The header is refused; {@code problem} is the message for the client. */
    record Refused(String problem) implements Verification {
    }

    Verification verify(String authorizationHeader);

    /**
     * Whether claims this validator accepted earlier have been revoked since (signed out, erased): long-lived
     * connections authenticated once ask this when a revocation arrives. False when the validator knows no revocations.
     */
    default boolean revoked(Map<String, Object> claims) {
        return false;
    }

    /** Null when acceptable, else the problem. */
    default String validate(String authorizationHeader) {
        return verify(authorizationHeader) instanceof Refused r ? r.problem() : null;
    }
}
