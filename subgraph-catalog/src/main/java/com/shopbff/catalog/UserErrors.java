package com.shopbff.catalog;

import com.shopbff.catalog.generated.types.UserError;

import java.util.ArrayList;
import java.util.List;

/** Collects the business-rule failures of one mutation, each with a stable code and the path of its input field. */
public final class UserErrors {
    public static final String REQUIRED = "REQUIRED";
    public static final String TOO_LONG = "TOO_LONG";
    public static final String INVALID_PRICE = "INVALID_PRICE";
    public static final String NEGATIVE_STOCK = "NEGATIVE_STOCK";
    public static final String UNKNOWN_CATEGORY = "UNKNOWN_CATEGORY";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";
    public static final String DUPLICATE_NAME = "DUPLICATE_NAME";
    public static final String INVALID_TAX_CLASS = "INVALID_TAX_CLASS";
    public static final String CATEGORY_NOT_EMPTY = "CATEGORY_NOT_EMPTY";
    public static final String INVALID_URL = "INVALID_URL";

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 5000;

    private final List<UserError> errors = new ArrayList<>();

    public UserErrors add(String code, String message, String... field) {
        errors.add(UserError.newBuilder().code(code).field(List.of(field)).message(message).build());
        return this;
    }

    /** A required, non-blank text of bounded length. */
    public UserErrors requireName(String value, String... field) {
        if (value == null || value.isBlank()) add(REQUIRED, "must not be empty", field);
        else if (value.strip().length() > MAX_NAME_LENGTH) add(TOO_LONG, "must be at most " + MAX_NAME_LENGTH + " characters", field);
        return this;
    }

    public UserErrors limitText(String value, String... field) {
        if (value != null && value.length() > MAX_TEXT_LENGTH) add(TOO_LONG, "must be at most " + MAX_TEXT_LENGTH + " characters", field);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<UserError> list() {
        return List.copyOf(errors);
    }

    public static List<UserError> of(String code, String message, String... field) {
        return new UserErrors().add(code, message, field).list();
    }
}
