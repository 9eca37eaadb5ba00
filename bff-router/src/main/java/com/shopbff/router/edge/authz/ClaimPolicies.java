package com.shopbff.router.edge.authz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policies defined by claims: a policy holds when any of its conditions holds; a condition {@code claim=value}
 * holds when the claim equals the value, is a list containing it, or is a space-separated string containing it;
 * {@code claim} alone holds when the claim is present and not false. Text form (flag/env):
 * {@code admin:role=ADMIN|role=SUPPORT;verified:email_verified=true}.
 */
public final class ClaimPolicies implements PolicyEvaluator {
    /** One condition: a claim and the value it must have (null: present and not false). */
    public record Condition(String claim, String value) {
    }

    private final Map<String, List<Condition>> policies;

    public ClaimPolicies(Map<String, List<Condition>> policies) {
        this.policies = Map.copyOf(policies);
    }

    @Override
    public boolean allows(String policy, Map<String, Object> claims) {
        List<Condition> cs = policies.get(policy);
        if (cs == null) return false;
        for (Condition c : cs) if (holds(c, claims)) return true;
        return false;
    }

    static boolean holds(Condition c, Map<String, Object> claims) {
        Object v = claims.get(c.claim());
        if (v == null) return false;
        if (c.value() == null) return !Boolean.FALSE.equals(v);
        if (v instanceof List<?> l) {
            for (Object o : l) if (c.value().equals(String.valueOf(o))) return true;
            return false;
        }
        String s = String.valueOf(v);
        if (s.equals(c.value())) return true;
        for (String part : s.split(" ")) if (part.equals(c.value())) return true;
        return false;
    }

    /**
     * Parses {@code name:claim=value|claim=value;name2:claim}.
     *
     * @throws IllegalArgumentException on a malformed definition
     */
    public static Map<String, List<Condition>> parse(String text) {
        Map<String, List<Condition>> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return out;
        for (String def : text.split(";")) {
            if (def.isBlank()) continue;
            int colon = def.indexOf(':');
            if (colon <= 0 || colon == def.length() - 1) {
                throw new IllegalArgumentException("policy definition must be name:claim[=value][|claim[=value]...]: " + def.trim());
            }
            List<Condition> cs = new ArrayList<>();
            for (String cond : def.substring(colon + 1).split("\\|")) {
                String t = cond.trim();
                if (t.isEmpty()) throw new IllegalArgumentException("empty condition in policy " + def.trim());
                int eq = t.indexOf('=');
                cs.add(eq < 0 ? new Condition(t, null) : new Condition(t.substring(0, eq).trim(), t.substring(eq + 1).trim()));
            }
            out.put(def.substring(0, colon).trim(), List.copyOf(cs));
        }
        return out;
    }
}
