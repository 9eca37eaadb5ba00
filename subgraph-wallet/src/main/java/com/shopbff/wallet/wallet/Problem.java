package com.shopbff.wallet.wallet;

import java.util.List;

/** A business-rule refusal, shown to the client as a {@code UserError}. */
public record Problem(String code, List<String> field, String message) {
    public Problem {
        field = field == null ? null : List.copyOf(field);
    }

    static Problem onInput(String inputField, String code, String message) {
        return new Problem(code, List.of("input", inputField), message);
    }
}
