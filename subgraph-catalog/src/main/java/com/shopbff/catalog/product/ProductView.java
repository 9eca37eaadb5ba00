package com.shopbff.catalog.product;

import com.shopbff.catalog.generated.types.Category;
import com.shopbff.catalog.generated.types.Money;
import com.shopbff.catalog.generated.types.Product;
import com.shopbff.support.money.MoneyFormat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** What the API shows of a product, read from MongoDB or from the search index. */
public record ProductView(String id, String name, String description, String categoryId, long priceMinor, int stock,
                          List<String> images, boolean active, Instant createdAt, Instant updatedAt) {
    public ProductView {
        images = images == null ? List.of() : List.copyOf(images);
    }

    public static ProductView of(ProductDocument d) {
        return new ProductView(d.id(), d.name(), d.description(), d.categoryId(), d.priceMinor(), d.stock(), d.images(),
                d.active(), d.createdAt(), d.updatedAt());
    }

    /** The GraphQL object; {@code category} carries only the id and is completed by the category data loader. */
    public Product toGraphQL(String currency) {
        return Product.newBuilder()
                .id(id).name(name).description(description)
                .category(Category.newBuilder().id(categoryId).build())
                .price(Money.newBuilder().amount(MoneyFormat.format(priceMinor)).currency(currency).build())
                .stock(stock).available(active && stock > 0).images(images).active(active)
                .createdAt(createdAt.atOffset(ZoneOffset.UTC)).updatedAt(updatedAt.atOffset(ZoneOffset.UTC))
                .build();
    }
}
