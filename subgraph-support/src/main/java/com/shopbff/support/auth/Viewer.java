package com.shopbff.support.auth;

import java.util.Objects;

/**
 * Who is calling: the customer id from the token's subject and the role, or anonymous.
 * A request that carried a token that did not verify has {@link #invalidReason()} set and is refused on any
 * field, public or not, so a forged token is never silently downgraded.
 */
public record Viewer(String customerId, Role role, String bearerToken, String invalidReason) {
    public static final Viewer ANONYMOUS = new Viewer(null, null, null, null);

    public static Viewer of(String customerId, Role role, String bearerToken) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(role, "role");
        return new Viewer(customerId, role, bearerToken, null);
    }

    public static Viewer invalid(String reason) {
        return new Viewer(null, null, null, reason);
    }

    public boolean isAuthenticated() {
        return customerId != null;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isInvalid() {
        return invalidReason != null;
    }
}
