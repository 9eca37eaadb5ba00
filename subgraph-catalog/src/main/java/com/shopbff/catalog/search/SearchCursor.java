package com.shopbff.catalog.search;

import com.shopbff.support.errors.ShopGraphQLException;
import com.shopbff.support.paging.Cursors;

/**
 * Where a page ended: the sort key value and id of its last product (search-after), so the next page starts right
 * after it whatever was added or removed in between. Opaque to clients; bound to the order it was issued for.
 */
public record SearchCursor(ProductSearchRequest.SortKey sortKey, boolean descending, String id, String value) {
    private static final String VERSION = "p1";

    public String encode() {
        return Cursors.encode(String.join("|", VERSION, sortKey.name(), descending ? "D" : "A", id, value));
    }

    /** @throws ShopGraphQLException BAD_USER_INPUT for a cursor this server did not issue or issued for another order */
    public static SearchCursor decode(String cursor, ProductSearchRequest.SortKey sortKey, boolean descending) {
        String[] parts = Cursors.decode(cursor).split("\\|", 5);
        if (parts.length != 5 || !parts[0].equals(VERSION)) throw ShopGraphQLException.badInput("invalid cursor");
        if (!parts[1].equals(sortKey.name()) || !parts[2].equals(descending ? "D" : "A")) {
            throw ShopGraphQLException.badInput("the cursor was issued for another sort order");
        }
        if (sortKey != ProductSearchRequest.SortKey.NAME) {
            try {
                if (sortKey == ProductSearchRequest.SortKey.RELEVANCE) Float.parseFloat(parts[4]);
                else Long.parseLong(parts[4]);
            } catch (NumberFormatException e) {
                throw ShopGraphQLException.badInput("invalid cursor");
            }
        }
        return new SearchCursor(sortKey, descending, parts[3], parts[4]);
    }
}
