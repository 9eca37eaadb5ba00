package com.shopbff.customer.session;

import com.shopbff.customer.account.CustomerDocument;
import com.shopbff.customer.account.CustomerRepository;
import com.shopbff.customer.account.Outcome;
import com.shopbff.customer.account.UserErrors;
import com.shopbff.customer.generated.types.Session;
import org.springframework.stereotype.Service;

import java.time.ZoneOffset;
import java.util.Optional;

/** Sessions: an access token plus a rotating refresh token, opened at sign-in, renewed, ended at sign-out. */
@Service
public class SessionService {
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final CustomerRepository customers;

    public SessionService(AccessTokens accessTokens, RefreshTokens refreshTokens, CustomerRepository customers) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.customers = customers;
    }

    public Session open(CustomerDocument customer) {
        String refreshToken = refreshTokens.create(customer.id());
        return session(customer, refreshToken, RefreshTokens.sessionIdOf(refreshToken), java.time.Instant.now());
    }

    /** A new session for a refresh token; the role is read afresh, so a changed role applies from the next refresh. */
    public Outcome<SessionFor> refresh(String refreshToken) {
        RefreshTokens.Rotation r = refreshTokens.rotate(refreshToken);
        if (r.failure() != null) {
            return Outcome.failed(switch (r.failure()) {
                case UNKNOWN -> UserErrors.of("INVALID_REFRESH_TOKEN", "This refresh token is not valid; sign in again.", "refreshToken");
                case EXPIRED -> UserErrors.of("REFRESH_TOKEN_EXPIRED", "This session has expired; sign in again.", "refreshToken");
                case REVOKED -> UserErrors.of("REFRESH_TOKEN_REVOKED", "This session has ended; sign in again.", "refreshToken");
                case REUSED -> UserErrors.of("REFRESH_TOKEN_REUSED",
                        "This refresh token was already used; the session has been ended for safety. Sign in again.", "refreshToken");
            });
        }
        Optional<CustomerDocument> customer = customers.find(r.customerId());
        if (customer.isEmpty()) return Outcome.failed(UserErrors.of("INVALID_REFRESH_TOKEN", "This account no longer exists.", "refreshToken"));
        return Outcome.ok(new SessionFor(customer.get(), session(customer.get(), r.token(), r.sessionId(), r.authTime())));
    }

    public Outcome<Boolean> signOut(String refreshToken) {
        return refreshTokens.revoke(refreshToken) ? Outcome.ok(true)
                : Outcome.failed(UserErrors.of("INVALID_REFRESH_TOKEN", "This refresh token is not valid.", "refreshToken"));
    }

    public record SessionFor(CustomerDocument customer, Session session) {}

    private Session session(CustomerDocument customer, String refreshToken, String sessionId, java.time.Instant authTime) {
        AccessTokens.Issued access = accessTokens.issue(customer.id(), customer.role(), authTime, sessionId);
        return Session.newBuilder().accessToken(access.token()).refreshToken(refreshToken)
                .expiresAt(access.expiresAt().atOffset(ZoneOffset.UTC)).build();
    }
}
