package com.shopbff.catalog.category;

import com.shopbff.catalog.generated.types.Category;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** @param taxClass the products' tax class; null (categories created before tax classes) = {@value #STANDARD} */
@Document(CategoryDocument.COLLECTION)
public record CategoryDocument(@Id String id, String name, String taxClass, Instant createdAt) {
    public static final String COLLECTION = "categories";
    public static final String STANDARD = "standard";

    public String effectiveTaxClass() {
        return taxClass == null ? STANDARD : taxClass;
    }

    public Category toGraphQL() {
        return Category.newBuilder().id(id).name(name).taxClass(effectiveTaxClass()).build();
    }
}
