package com.shopbff.router.edge.cost;

/**
 * Static cost (demand) control after the IBM GraphQL cost directive spec.
 *
 * @param max             largest estimated cost an operation may have; 0 = no limit. Default 50 000 (admits the public gateways benchmark's heavy query, 24 420 at list size 10; refuses five nested lists of the assumed size)
 * @param assumedListSize list size assumed for a list field without {@code @listSize} (or without a slicing
 *                        argument in the request and without {@code assumedSize}); default 10
 * @param enforce         refuse operations over {@code max} ({@code COST_ESTIMATED_TOO_EXPENSIVE}); false = measure
 *                        only (the cost still shows in the extension); default true
 * @param exposeAlways    put {@code extensions.cost} in every response, not only when the request asks with
 *                        {@code "extensions": {"cost": true}}; default false
 */
public record CostConfig(long max, long assumedListSize, boolean enforce, boolean exposeAlways) {
    public static final CostConfig DEFAULTS = new CostConfig(50_000, 10, true, false);
    /** Costs computed only on request, nothing refused. */
    public static final CostConfig OFF = new CostConfig(0, 10, false, false);

    public CostConfig {
        if (max < 0 || assumedListSize < 0) throw new IllegalArgumentException("cost limits must be >= 0");
    }
}
