package com.shopbff.router.edge.cost;

import com.shopbff.router.pipeline.OperationCheck;
import com.shopbff.router.pipeline.Rejected;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses operations whose estimated cost exceeds the maximum ({@code COST_ESTIMATED_TOO_EXPENSIVE}, before any
 * subgraph is called) and reports the estimate in {@code extensions.cost} when the request asks for it
 * ({@code "extensions": {"cost": true}}) or the configuration says always.
 */
public final class CostCheck implements OperationCheck {
    public static final String CODE = "COST_ESTIMATED_TOO_EXPENSIVE";
    private final CostEstimator estimator;
    private final CostConfig config;
    private final CostListener listener;

    /** Learns each admitted operation's estimate (rate limiting by cost). */
    @FunctionalInterface
    public interface CostListener {
        /** @return a refusal, or null to let the operation run */
        Rejected admitted(Context ctx, long cost);
    }

    public CostCheck(CostEstimator estimator, CostListener listener) {
        this.estimator = estimator;
        this.config = estimator.config();
        this.listener = listener;
    }

    @Override
    public Outcome check(Context ctx) {
        boolean limit = config.enforce() && config.max() > 0;
        boolean expose = config.exposeAlways() || truthy(ctx.request().extensions().get("cost"));
        if (!limit && !expose && listener == null) return Accepted.AS_IS;
        long cost = estimator.estimate(ctx.operation(), ctx.variables());
        if (limit && cost > config.max()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", "The operation's estimated cost " + cost + " exceeds the maximum of " + config.max()
                    + "; ask for fewer items or fewer fields.");
            e.put("extensions", Map.of("code", CODE, "cost", Map.of("estimated", cost, "max", config.max())));
            return new Rejected(400, true, java.util.List.of(e), Map.of());
        }
        if (listener != null) {
            Rejected r = listener.admitted(ctx, cost);
            if (r != null) return r;
        }
        if (!expose) return Accepted.AS_IS;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("estimated", cost);
        if (config.max() > 0) c.put("max", config.max());
        return Accepted.withExtensions(Map.of("cost", c));
    }

    private static boolean truthy(Object o) {
        return Boolean.TRUE.equals(o) || "true".equals(o);
    }
}
