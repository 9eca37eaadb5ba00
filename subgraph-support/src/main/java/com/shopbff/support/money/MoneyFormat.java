package com.shopbff.support.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Exact money: amounts are integer minor units (cents) inside the system and decimal strings ("12.50") in the API.
 * One currency for the whole shop, two decimals.
 */
public final class MoneyFormat {
    private MoneyFormat() {}

    /** "12.50" for 1250; "-0.05" for -5. */
    public static String format(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }

    /**
     * Parses a decimal string with at most two decimals into minor units; empty when it is not a number, has more
     * than two decimals or is out of range.
     */
    public static Optional<Long> parse(String amount) {
        if (amount == null) return Optional.empty();
        String s = amount.trim();
        if (!s.matches("[+-]?\\d{1,13}(\\.\\d{1,2})?")) return Optional.empty();
        try {
            return Optional.of(new BigDecimal(s).setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
