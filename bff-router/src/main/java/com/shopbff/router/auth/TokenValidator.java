package com.shopbff.router.auth;

/** Validates an {@code Authorization} header value; returns null when acceptable, else the problem. */
public interface TokenValidator {
    String validate(String authorizationHeader);
}
