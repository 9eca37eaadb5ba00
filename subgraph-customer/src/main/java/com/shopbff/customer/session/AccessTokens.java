package com.shopbff.customer.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.shopbff.support.auth.Role;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/**
 * Issues ES256 access tokens: iss, sub = customer id, role, sid (the session: the refresh-token family it belongs to,
 * which revocation names), jti, iat, nbf, exp, auth_time; the key id in the header.
 */
@Component
public class AccessTokens {
    private final SigningKeys keys;
    private final SecurityProperties properties;

    public AccessTokens(SigningKeys keys, SecurityProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    public record Issued(String token, Instant expiresAt, String jti) {}

    /**
     * @param authTime  when the customer last proved who they are (password or provider), the OIDC {@code auth_time}
     * @param sessionId the session (refresh-token family) the token belongs to, its {@code sid} claim
     */
    public Issued issue(String customerId, Role role, Instant authTime, String sessionId) {
        return issue(customerId, role, authTime, sessionId, properties.accessTokenTtl());
    }

    /** With any lifetime and no session; a negative lifetime gives an already expired token (tests). */
    public Issued issue(String customerId, Role role, Duration ttl) {
        return issue(customerId, role, Instant.now(), null, ttl);
    }

    public Issued issue(String customerId, Role role, Instant authTime, Duration ttl) {
        return issue(customerId, role, authTime, null, ttl);
    }

    public Issued issue(String customerId, Role role, Instant authTime, String sessionId, Duration ttl) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(properties.issuer()).subject(customerId)
                .claim("role", role.name()).claim("auth_time", authTime.getEpochSecond()).claim("sid", sessionId).jwtID(jti).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt)).build();
        ECKey key = keys.currentKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new Issued(jwt.serialize(), expiresAt, jti);
    }

    /** The {@code sid} (session id) of a token that has already been verified; null when absent or unreadable. */
    public static String sessionIdOf(String verifiedToken) {
        try {
            return SignedJWT.parse(verifiedToken).getJWTClaimsSet().getStringClaim("sid");
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
    }

    /** The {@code auth_time} of a token that has already been verified; null when absent or unreadable. */
    public static Instant authTimeOf(String verifiedToken) {
        try {
            Date d = SignedJWT.parse(verifiedToken).getJWTClaimsSet().getDateClaim("auth_time");
            return d == null ? null : d.toInstant();
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
    }
}
