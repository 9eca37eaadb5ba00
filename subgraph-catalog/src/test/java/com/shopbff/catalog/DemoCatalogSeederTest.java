package com.shopbff.catalog;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.catalog.seed.DemoCatalogSeeder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCatalogSeederTest extends CatalogTestBase {
    @Autowired
    DemoCatalogSeeder seeder;

    @Test
    void theDemoCatalogHasEightCategoriesOf25ProductsAndTwoPickupPointsAndSeedingTwiceChangesNothing() {
        seeder.seed();
        seeder.seed();

        List<String> categories = gql("{ categories { id } }").read("$.data.categories[*].id");
        assertThat(categories).contains("cat-tea", "cat-coffee", "cat-chocolate", "cat-biscuits", "cat-honey-spreads",
                "cat-spices", "cat-teaware", "cat-coffee-gear");
        for (String category : List.of("cat-tea", "cat-coffee-gear")) {
            DocumentContext page = gql("query($f: ProductFilter) { products(filter: $f, first: 100) { totalCount edges { node { price { amount } stock } } } }",
                    Map.of("f", Map.of("categoryId", category)));
            assertThat((Integer) page.read("$.data.products.totalCount")).isEqualTo(25);
            assertThat((List<String>) page.read("$.data.products.edges[*].node.price.amount")).allSatisfy(p -> assertThat(Double.parseDouble(p)).isPositive());
        }
        assertThat((List<String>) gql("{ pickupPoints { id } }").read("$.data.pickupPoints[*].id")).contains("pickup-leeds", "pickup-london");
        assertThat((List<String>) gql("{ products(filter: {search: \"oolong tea gift\"}) { edges { node { name } } } }")
                .read("$.data.products.edges[*].node.name")).containsExactly("Oolong Tea Gift Tin");
    }
}
