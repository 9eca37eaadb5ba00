package com.shopbff.stack;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;

/** Starts the bff-router in-process in front of the subgraphs, on the stack's supergraph. */
final class RouterLauncher {
    private RouterLauncher() {}

    static AutoCloseable start(StackSettings s, String jwksUrl) {
        RouterConfig config = new RouterConfig(null, s.supergraph(), s.routerPort(), jwksUrl, s.subgraphUrls(), null, null);
        return Router.start(config);
    }
}
