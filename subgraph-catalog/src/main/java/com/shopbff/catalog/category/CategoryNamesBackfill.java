package com.shopbff.catalog.category;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Claims the names of categories created before names were unique (a database from an older version), so a new
 * category cannot take an existing one's name. Idempotent and cheap: categories are few.
 */
@Component
class CategoryNamesBackfill implements ApplicationRunner {
    private final CategoryRepository categories;

    CategoryNamesBackfill(CategoryRepository categories) {
        this.categories = categories;
    }

    @Override
    public void run(ApplicationArguments args) {
        categories.claimExistingNames();
    }
}
