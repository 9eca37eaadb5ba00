package com.shopbff.orders;

import com.shopbff.support.testing.ServiceContractTest;

/** The live subgraph serves exactly the contract in schema/subgraphs/orders.graphql, and its health is UP. */
class OrdersServiceSdlContractTest extends OrdersIntegrationTest implements ServiceContractTest {

    @Override
    public String subgraphName() {
        return "orders";
    }

    @Override
    public int servicePort() {
        return port;
    }
}
