package com.shopbff.support.paging;

import com.shopbff.support.errors.ShopGraphQLException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque Relay cursors and the page-size rule (default 20, at most 100, more is BAD_USER_INPUT). */
public final class Cursors {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    private Cursors() {}

    public static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ShopGraphQLException BAD_USER_INPUT for a cursor this server did not issue */
    public static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ShopGraphQLException.badInput("invalid cursor");
        }
    }

    /** The page size for {@code first}: 20 when absent; BAD_USER_INPUT when below 0 or above 100. */
    public static int pageSize(Integer first) {
        if (first == null) return DEFAULT_PAGE_SIZE;
        if (first < 0) throw ShopGraphQLException.badInput("first must not be negative");
        if (first > MAX_PAGE_SIZE) throw ShopGraphQLException.badInput("first must be at most " + MAX_PAGE_SIZE);
        return first;
    }
}
