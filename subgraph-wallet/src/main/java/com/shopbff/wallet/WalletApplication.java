package com.shopbff.wallet;

import com.shopbff.support.SubgraphApplications;
import com.shopbff.support.SubgraphSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The wallet subgraph: wallets, the append-only ledger, top-ups, payments and refunds for the order saga. */
@SpringBootApplication
@Import(SubgraphSupportConfiguration.class)
public class WalletApplication {
    public static final String CONFIG_NAME = "wallet";

    public static void main(String[] args) {
        SubgraphApplications.builder(WalletApplication.class, CONFIG_NAME).run(args);
    }
}
