package com.shopbff.orders.graphql;

import com.shopbff.orders.generated.types.Money;
import com.shopbff.orders.generated.types.UserError;
import com.shopbff.support.money.MoneyFormat;

import java.util.List;

/** Small builders for the API's value types, shared by every feature package. */
public final class Payloads {
    private Payloads() {}

    public static Money money(long minor, String currency) {
        return Money.newBuilder().amount(MoneyFormat.format(minor)).currency(currency).build();
    }

    public static UserError userError(String code, String message, String... field) {
        return UserError.newBuilder().code(code).message(message).field(field.length == 0 ? null : List.of(field)).build();
    }
}
