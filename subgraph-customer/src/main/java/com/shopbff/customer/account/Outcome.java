package com.shopbff.customer.account;

import com.shopbff.customer.generated.types.UserError;

import java.util.List;

/** The result of a business operation: a value, or the user errors that explain why there is none. */
public record Outcome<T>(T value, List<UserError> errors) {
    public Outcome {
        errors = List.copyOf(errors);
        if (value == null && errors.isEmpty()) throw new IllegalArgumentException("an outcome needs a value or errors");
    }

    public static <T> Outcome<T> ok(T value) {
        return new Outcome<>(value, List.of());
    }

    public static <T> Outcome<T> failed(List<UserError> errors) {
        return new Outcome<>(null, errors);
    }

    public static <T> Outcome<T> failed(UserError error) {
        return new Outcome<>(null, List.of(error));
    }

    public boolean isOk() {
        return errors.isEmpty();
    }
}
