package com.shopbff.catalog.category;

/** What category administration needs from the products (implemented there, so products depend on categories only). */
public interface CategoryProducts {
    /** Products of the category, on sale or withdrawn. */
    long countInCategory(String categoryId);

    /** Announces every product of the category again with its new tax class. */
    void announceCategoryTaxClass(String categoryId, String taxClass);
}
