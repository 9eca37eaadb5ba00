package com.shopbff.support.auth;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Verifies access tokens with a Spring Security {@link JwtDecoder} (signature, expiry, issuer). */
public class JwtTokenVerifier implements TokenVerifier {
    private final JwtDecoder decoder;

    public JwtTokenVerifier(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Viewer verify(String bearerToken) {
        try {
            Jwt jwt = decoder.decode(bearerToken);
            String role = jwt.getClaimAsString("role");
            if (jwt.getSubject() == null || role == null) return Viewer.invalid("token lacks subject or role");
            return Viewer.of(jwt.getSubject(), Role.valueOf(role), bearerToken);
        } catch (JwtException | IllegalArgumentException e) {
            return Viewer.invalid("invalid or expired access token");
        }
    }
}
