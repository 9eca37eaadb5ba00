package com.shopbff.notifications;

import com.shopbff.support.testing.ServiceContractTest;

/** The live subgraph serves exactly the contract in schema/subgraphs/notifications.graphql, and its health is UP. */
class NotificationsServiceSdlContractTest extends NotificationsIntegrationTest implements ServiceContractTest {

    @Override
    public String subgraphName() {
        return "notifications";
    }

    @Override
    public int servicePort() {
        return port;
    }
}
