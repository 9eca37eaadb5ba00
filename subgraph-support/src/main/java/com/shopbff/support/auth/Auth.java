package com.shopbff.support.auth;

import com.shopbff.support.errors.ShopGraphQLException;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/**
 * The authorization rules, called as the first line of the data fetcher of the field they guard, so that each
 * rule stands next to its field and every subgraph applies them the same way.
 */
public final class Auth {
    private Auth() {}

    /** The caller, anonymous when no token was sent; refuses a request whose token did not verify. */
    public static Viewer viewer(DataFetchingEnvironment env) {
        return viewer(env.getGraphQlContext());
    }

    public static Viewer viewer(GraphQLContext context) {
        Viewer v = context.getOrDefault(Viewer.class, Viewer.ANONYMOUS);
        if (v.isInvalid()) throw ShopGraphQLException.unauthenticated(v.invalidReason());
        return v;
    }

    /** A signed-in customer or admin; UNAUTHENTICATED otherwise. */
    public static Viewer requireSignedIn(DataFetchingEnvironment env) {
        Viewer v = viewer(env);
        if (!v.isAuthenticated()) throw ShopGraphQLException.unauthenticated("sign in to see this");
        return v;
    }

    /** ADMIN only; UNAUTHENTICATED when anonymous, FORBIDDEN for a customer. */
    public static Viewer requireAdmin(DataFetchingEnvironment env) {
        Viewer v = requireSignedIn(env);
        if (!v.isAdmin()) throw ShopGraphQLException.forbidden("only an administrator may do this");
        return v;
    }

    /** The customer themself or ADMIN; FORBIDDEN for anyone else. */
    public static Viewer requireSelfOrAdmin(DataFetchingEnvironment env, String customerId) {
        Viewer v = requireSignedIn(env);
        if (!v.isAdmin() && !v.customerId().equals(customerId)) throw ShopGraphQLException.forbidden("this belongs to another customer");
        return v;
    }

    /** Whether the caller may see data of {@code customerId}, for fields that answer null rather than an error. */
    public static boolean isSelfOrAdmin(DataFetchingEnvironment env, String customerId) {
        Viewer v = viewer(env);
        return v.isAuthenticated() && (v.isAdmin() || v.customerId().equals(customerId));
    }
}
