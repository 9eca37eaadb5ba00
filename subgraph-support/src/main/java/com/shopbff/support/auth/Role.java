package com.shopbff.support.auth;

/** The two roles of the shop; carried in the access token's {@code role} claim. */
public enum Role {
    CUSTOMER, ADMIN
}
