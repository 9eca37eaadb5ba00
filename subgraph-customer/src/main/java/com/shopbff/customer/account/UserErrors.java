package com.shopbff.customer.account;

import com.shopbff.customer.generated.types.UserError;

import java.util.List;

/** Builds {@code UserError}s: stable UPPER_SNAKE code, the input path as {@code field}, a human message. */
public final class UserErrors {
    private UserErrors() {}

    public static UserError of(String code, String message, String... field) {
        return UserError.newBuilder().code(code).message(message).field(field.length == 0 ? null : List.of(field)).build();
    }
}
