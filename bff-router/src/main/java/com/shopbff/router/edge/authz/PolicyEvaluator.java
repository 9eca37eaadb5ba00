package com.shopbff.router.edge.authz;

import java.util.Map;

/**
 * Decides {@code @policy} names for a caller. Pluggable: set one with {@code EdgeConfig} in-process (e.g. to ask
 * an authorization service); the standalone router uses {@link ClaimPolicies} from its configuration. Runs on the
 * event loop for every request that meets a policy: it must be fast and must not block.
 */
@FunctionalInterface
public interface PolicyEvaluator {
    /**
     * @param policy the policy name as written in {@code @policy(policies: [["name"]])}
     * @param claims the caller's verified token claims (empty for anonymous callers)
     */
    boolean allows(String policy, Map<String, Object> claims);
}
