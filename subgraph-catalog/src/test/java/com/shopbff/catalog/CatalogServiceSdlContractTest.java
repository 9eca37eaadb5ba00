package com.shopbff.catalog;

import com.shopbff.support.testing.ServiceContractTest;

/** The live subgraph serves exactly the contract in schema/subgraphs/catalog.graphql, and its health is UP. */
class CatalogServiceSdlContractTest extends CatalogTestBase implements ServiceContractTest {

    @Override
    public String subgraphName() {
        return "catalog";
    }

    @Override
    public int servicePort() {
        return port;
    }
}
