package com.shopbff.orders;

import com.shopbff.support.SubgraphApplications;
import com.shopbff.support.SubgraphSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Orders subgraph: cart, checkout saga, order lifecycle, history, statistics, live status. */
@SpringBootApplication
@Import(SubgraphSupportConfiguration.class)
public class OrdersApplication {
    public static final String CONFIG_NAME = "orders";

    public static void main(String[] args) {
        SubgraphApplications.builder(OrdersApplication.class, CONFIG_NAME).run(args);
    }
}
