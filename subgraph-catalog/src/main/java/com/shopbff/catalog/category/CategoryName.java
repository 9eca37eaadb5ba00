package com.shopbff.catalog.category;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.Locale;

/**
 * The claim on a category name: {@code _id} is the name trimmed, with inner spaces collapsed and lower-cased, so the
 * unique {@code _id} keeps names unique under concurrent creates and renames without a secondary index.
 */
@Document(CategoryName.COLLECTION)
public record CategoryName(@Id String key, String categoryId) {
    public static final String COLLECTION = "category_names";

    public static String keyOf(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
