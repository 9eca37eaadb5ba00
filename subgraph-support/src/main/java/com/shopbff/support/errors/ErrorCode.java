package com.shopbff.support.errors;

/** The {@code extensions.code} values clients can rely on (see schema-outline.graphql). */
public enum ErrorCode {
    UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, INTERNAL
}
