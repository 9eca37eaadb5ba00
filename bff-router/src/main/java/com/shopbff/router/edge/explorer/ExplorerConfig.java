package com.shopbff.router.edge.explorer;

/**
 * Introspection and the pages the router serves.
 *
 * @param introspection answer {@code __schema}/{@code __type}; default on, off in the production profile
 *                      ({@code INTROSPECTION_DISABLED})
 * @param graphiql      serve GraphiQL at {@code /graphiql} (its assets come from the jar); default on, off in the
 *                      production profile
 * @param landingPage   serve a page at {@code GET /} that names the endpoint (and links GraphiQL when it is on);
 *                      default on
 */
public record ExplorerConfig(boolean introspection, boolean graphiql, boolean landingPage) {
    public static final ExplorerConfig DEFAULTS = new ExplorerConfig(true, true, true);
    public static final ExplorerConfig PRODUCTION = new ExplorerConfig(false, false, true);
}
