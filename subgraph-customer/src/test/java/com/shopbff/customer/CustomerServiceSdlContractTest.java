package com.shopbff.customer;

import com.shopbff.support.testing.ServiceContractTest;

/** The live subgraph serves exactly the contract in schema/subgraphs/customer.graphql, and its health is UP. */
class CustomerServiceSdlContractTest extends CustomerIntegrationTest implements ServiceContractTest {

    @Override
    public String subgraphName() {
        return "customer";
    }

    @Override
    public int servicePort() {
        return port;
    }
}
