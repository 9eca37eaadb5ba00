package com.shopbff.router.edge.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.supergraph.SchemaDirectives;
import com.shopbff.router.supergraph.SchemaDirectives.Applied;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;

import java.util.ArrayDeque;
import java.util.Deque;


/**
 * The {@code Cache-Control} header of a GET response, so that CDNs and browsers may cache queries (persisted ones
 * by their hash). With {@code @cacheControl(maxAge, scope, inheritMaxAge)} hints in the supergraph the policy is
 * Apollo's: the smallest {@code maxAge} of the fields (root fields and fields of object type without a hint count
 * as 0, scalar fields inherit their parent's), private when any hint says {@code PRIVATE} or the caller is signed
 * in. Without hints, a signed-in caller's response is {@code no-store} and an anonymous one gets no header.
 */
public final class CacheControl {
    private final Supergraph sg;
    private final SchemaDirectives directives;
    private final boolean hints;
    private final Cache<NormalizedOperation, Policy> policies = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

    /** An operation's static cache policy. */
    record Policy(long maxAge, boolean isPrivate) {
    }

    public CacheControl(Supergraph sg) {
        this.sg = sg;
        this.directives = sg.directives();
        this.hints = directives.uses("cacheControl");
    }

    /**
     * The header value, or null for none.
     *
     * @param authenticated whether the caller sent a verified token
     * @param errors        whether the response carries errors (never cached)
     */
    public String header(NormalizedOperation op, boolean authenticated, boolean errors) {
        if (!hints) return authenticated ? "no-store" : null;
        if (errors) return "no-store";
        Policy p = policies.get(op, this::policy);
        if (p.maxAge() <= 0) return "no-store";
        return (p.isPrivate() || authenticated ? "private" : "public") + ", max-age=" + p.maxAge();
    }

    private Policy policy(NormalizedOperation op) {
        long[] min = {Long.MAX_VALUE};
        boolean[] priv = {false};
        // effective maxAge of each enclosing field, to let scalars (and inheritMaxAge fields) inherit it
        Deque<Object[]> stack = new ArrayDeque<>();
        op.forEachField((path, responsePath, parent, field) -> {
            int depth = path.steps().size();
            while (!stack.isEmpty() && (int) stack.peek()[0] >= depth) stack.pop();
            if (field.name().startsWith("__")) return false;
            Long parentAge = stack.isEmpty() ? null : (Long) stack.peek()[1];
            Applied hint = directives.find(SchemaDirectives.field(parent, field.name()), "cacheControl");
            TypeDef rt = field.type() == null ? null : sg.type(field.type().named());
            boolean composite = rt != null && rt.isComposite();
            if (hint == null && composite) hint = directives.find(rt.name(), "cacheControl");
            Long age = null;
            if (hint != null) {
                if ("PRIVATE".equals(hint.arg("scope"))) priv[0] = true;
                if (hint.arg("maxAge") instanceof Number n) age = n.longValue();
                else if (Boolean.TRUE.equals(hint.arg("inheritMaxAge"))) age = parentAge;
            }
            if (age == null && (composite || depth == 1) && !(hint != null && Boolean.TRUE.equals(hint.arg("inheritMaxAge")))) {
                age = 0L;
            }
            long effective = age != null ? age : parentAge != null ? parentAge : Long.MAX_VALUE;
            if (age != null) min[0] = Math.min(min[0], age);
            stack.push(new Object[]{depth, effective});
            return true;
        });
        long m = min[0] == Long.MAX_VALUE ? 0 : min[0];
        return new Policy(m, priv[0]);
    }

    /** Whether the supergraph has hints at all. */
    public boolean hasHints() {
        return hints;
    }

}
