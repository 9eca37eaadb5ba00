package com.shopbff.catalog.category;

import com.shopbff.catalog.generated.types.Category;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

@Document(CategoryDocument.COLLECTION)
public record CategoryDocument(@Id String id, String name, Instant createdAt) {
    public static final String COLLECTION = "categories";

    public Category toGraphQL() {
        return Category.newBuilder().id(id).name(name).build();
    }
}
