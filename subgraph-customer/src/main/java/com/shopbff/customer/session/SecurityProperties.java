package com.shopbff.customer.session;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Token settings ({@code shop.security.*}).
 *
 * @param issuer              the {@code iss} of access tokens; every subgraph checks it
 * @param accessTokenTtl      lifetime of an access token
 * @param refreshTokenTtl     a refresh token expires when unused this long (each refresh starts the period anew)
 * @param keyRotationInterval the signing key is replaced when it is older than this
 */
@ConfigurationProperties("shop.security")
public record SecurityProperties(String issuer, Duration accessTokenTtl, Duration refreshTokenTtl, Duration keyRotationInterval) {
    public SecurityProperties {
        if (issuer == null || issuer.isBlank()) issuer = "shop-customer";
        if (accessTokenTtl == null) accessTokenTtl = Duration.ofMinutes(15);
        if (refreshTokenTtl == null) refreshTokenTtl = Duration.ofDays(30);
        if (keyRotationInterval == null) keyRotationInterval = Duration.ofDays(30);
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) throw new IllegalArgumentException("shop.security.access-token-ttl must be positive");
        if (keyRotationInterval.compareTo(accessTokenTtl) <= 0)
            throw new IllegalArgumentException("shop.security.key-rotation-interval must be longer than the access token lifetime");
    }
}
