package com.shopbff.support.auth;

/**
 * Turns a bearer token into a {@link Viewer}. The default checks the signature against the customer subgraph's
 * JWKS; the customer subgraph, which issues the tokens, provides its own bean that uses its key set directly.
 */
public interface TokenVerifier {
    /** @return the viewer; {@link Viewer#invalid(String)} when the token is bad, expired or tampered with. */
    Viewer verify(String bearerToken);
}
