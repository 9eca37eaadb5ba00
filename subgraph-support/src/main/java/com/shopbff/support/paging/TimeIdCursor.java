package com.shopbff.support.paging;

import com.shopbff.support.errors.ShopGraphQLException;

import java.time.Instant;

/**
 * A keyset position in a list sorted by a time, then an id (newest first or oldest first): the opaque cursor of
 * {@code "<epoch millis>|<id>"}.
 */
public record TimeIdCursor(Instant at, String id) {

    public String encode() {
        return Cursors.encode(at.toEpochMilli() + "|" + id);
    }

    /**
     * @return null for a null cursor (the first page)
     * @throws ShopGraphQLException BAD_USER_INPUT for a cursor this server did not issue
     */
    public static TimeIdCursor decode(String cursor) {
        if (cursor == null) return null;
        String raw = Cursors.decode(cursor);
        int bar = raw.indexOf('|');
        if (bar < 1 || bar == raw.length() - 1) throw ShopGraphQLException.badInput("invalid cursor");
        try {
            return new TimeIdCursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, bar))), raw.substring(bar + 1));
        } catch (NumberFormatException e) {
            throw ShopGraphQLException.badInput("invalid cursor");
        }
    }
}
