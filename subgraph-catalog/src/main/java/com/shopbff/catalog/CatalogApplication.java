package com.shopbff.catalog;

import com.shopbff.support.SubgraphApplications;
import com.shopbff.support.SubgraphSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Catalog subgraph: categories, products, search, stock (storehouse), pickup points. */
@SpringBootApplication
@Import(SubgraphSupportConfiguration.class)
@EnableConfigurationProperties(CatalogProperties.class)
@EnableScheduling
public class CatalogApplication {
    public static final String CONFIG_NAME = "catalog";

    public static void main(String[] args) {
        SubgraphApplications.builder(CatalogApplication.class, CONFIG_NAME).run(args);
    }
}
