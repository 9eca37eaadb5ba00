package com.shopbff.stack;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.telemetry.TelemetrySettings;

/** Starts the bff-router in-process in front of the subgraphs, on the stack's supergraph. */
final class RouterLauncher {
    private RouterLauncher() {}

    /** Router telemetry comes from the environment as for a standalone router (ROUTER_METRICS*, ROUTER_REQUEST_LOG, OTEL_*). */
    static AutoCloseable start(StackSettings s, String jwksUrl) {
        RouterConfig config = new RouterConfig(null, s.supergraph(), s.routerPort(), jwksUrl, s.subgraphUrls(), null, null)
                .withTelemetry(TelemetrySettings.from(TelemetrySettings.DEFAULTS, System.getenv()));
        return Router.start(config);
    }
}
