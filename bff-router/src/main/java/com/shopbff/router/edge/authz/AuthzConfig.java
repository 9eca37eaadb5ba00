package com.shopbff.router.edge.authz;

import java.util.List;
import java.util.Map;

/**
 * Enforcement of the supergraph's {@code @authenticated}, {@code @requiresScopes} and {@code @policy}.
 *
 * @param enabled      enforce the directives at the router; default true (a supergraph without them costs nothing)
 * @param rejectWhole  refuse the whole request when any field is unauthorized (401 anonymous / 403 signed in);
 *                     false (the default) removes those fields: they answer null with an
 *                     {@code UNAUTHORIZED_FIELD_OR_TYPE} error and are never fetched
 * @param scopeClaims  claims whose values are the caller's scopes: a space-separated string or a list of strings;
 *                     default {@code scope} and {@code scp} (OAuth 2)
 * @param policies     policy name to the claim values that satisfy it (see {@link ClaimPolicies}); a policy not
 *                     listed here is refused unless a custom {@link PolicyEvaluator} decides it
 * @param callerCodes  the error code of an unauthorized field: false (the default) {@code UNAUTHORIZED_FIELD_OR_TYPE}
 *                     as Apollo Router and Hive Router answer; true {@code UNAUTHENTICATED} for an anonymous caller and
 *                     {@code FORBIDDEN} for a signed-in one, the codes subgraphs answer, so that clients see one
 *                     contract whichever layer refused
 */
public record AuthzConfig(boolean enabled, boolean rejectWhole, List<String> scopeClaims,
                          Map<String, List<ClaimPolicies.Condition>> policies, boolean callerCodes) {
    public static final AuthzConfig DEFAULTS = new AuthzConfig(true, false, List.of("scope", "scp"), Map.of(), false);

    public AuthzConfig(boolean enabled, boolean rejectWhole, List<String> scopeClaims,
                       Map<String, List<ClaimPolicies.Condition>> policies) {
        this(enabled, rejectWhole, scopeClaims, policies, false);
    }

    public AuthzConfig {
        scopeClaims = List.copyOf(scopeClaims == null || scopeClaims.isEmpty() ? List.of("scope", "scp") : scopeClaims);
        policies = Map.copyOf(policies == null ? Map.of() : policies);
    }

    public AuthzConfig withScopeClaims(List<String> claims) {
        return new AuthzConfig(enabled, rejectWhole, claims, policies, callerCodes);
    }

    public AuthzConfig withPolicies(Map<String, List<ClaimPolicies.Condition>> p) {
        return new AuthzConfig(enabled, rejectWhole, scopeClaims, p, callerCodes);
    }

    public AuthzConfig withRejectWhole(boolean r) {
        return new AuthzConfig(enabled, r, scopeClaims, policies, callerCodes);
    }

    public AuthzConfig withCallerCodes(boolean c) {
        return new AuthzConfig(enabled, rejectWhole, scopeClaims, policies, c);
    }
}
