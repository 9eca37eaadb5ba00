package com.shopbff.stack;

import com.shopbff.router.Router;
import com.shopbff.contracts.Topics;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.auth.RevocationSettings;

/**
 * Starts the bff-router in-process in front of the subgraphs, on the stack's supergraph, validating tokens against the
 * customer subgraph's JWKS and refusing revoked ones from the stack's Kafka ({@code session.revocations}).
 */
final class RouterLauncher {
    private RouterLauncher() {}

    static AutoCloseable start(StackSettings s, String jwksUrl, String kafkaBootstrap) {
        RouterConfig config = new RouterConfig(null, s.supergraph(), s.routerPort(), jwksUrl, s.subgraphUrls(), null, null)
                .withRevocation(new RevocationSettings(kafkaBootstrap, Topics.SESSION_REVOCATIONS, null));
        return Router.start(config);
    }
}
