package com.shopbff.catalog;

import com.shopbff.support.SubgraphApplications;
import com.shopbff.support.SubgraphSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Catalog subgraph: categories, products, search, stock (storehouse), pickup points. */
@SpringBootApplication
@Import(SubgraphSupportConfiguration.class)
public class CatalogApplication {
    public static final String CONFIG_NAME = "catalog";

    public static void main(String[] args) {
        SubgraphApplications.builder(CatalogApplication.class, CONFIG_NAME).run(args);
    }
}
