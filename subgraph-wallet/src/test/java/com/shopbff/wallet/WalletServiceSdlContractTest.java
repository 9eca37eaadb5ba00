package com.shopbff.wallet;

import com.shopbff.support.testing.ServiceContractTest;

/** The live subgraph serves exactly the contract in schema/subgraphs/wallet.graphql, and its health is UP. */
class WalletServiceSdlContractTest extends WalletIntegrationTest implements ServiceContractTest {

    @Override
    public String subgraphName() {
        return "wallet";
    }

    @Override
    public int servicePort() {
        return port;
    }
}
