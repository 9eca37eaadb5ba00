package com.shopbff.customer;

import com.shopbff.support.SubgraphApplications;
import com.shopbff.support.SubgraphSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Customer subgraph: accounts, sign-up/sign-in, OIDC providers, JWT sessions, profiles, addresses, erasure. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(SubgraphSupportConfiguration.class)
public class CustomerApplication {
    public static final String CONFIG_NAME = "customer";

    public static void main(String[] args) {
        SubgraphApplications.builder(CustomerApplication.class, CONFIG_NAME).run(args);
    }
}
