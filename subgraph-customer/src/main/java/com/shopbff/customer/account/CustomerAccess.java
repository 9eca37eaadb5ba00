package com.shopbff.customer.account;

import com.shopbff.support.auth.Auth;
import com.shopbff.support.errors.ShopGraphQLException;
import graphql.schema.DataFetchingEnvironment;

/**
 * Who may read a Customer's personal fields (email, phone, addresses): the customer themself or ADMIN. A payload
 * that has just authenticated a customer (sign-up, sign-in, refresh) carries this as GraphQL local context, because
 * that request itself had no token yet.
 */
public record CustomerAccess(String customerId) {

    public static boolean allowed(DataFetchingEnvironment env, String customerId) {
        if (env.getLocalContext() instanceof CustomerAccess a && a.customerId().equals(customerId)) return true;
        return Auth.isSelfOrAdmin(env, customerId);
    }

    /** UNAUTHENTICATED when anonymous, FORBIDDEN for another customer. */
    public static void require(DataFetchingEnvironment env, String customerId) {
        if (allowed(env, customerId)) return;
        Auth.requireSignedIn(env);
        throw ShopGraphQLException.forbidden("this belongs to another customer");
    }
}
