package com.shopbff.catalog.category;

import com.netflix.graphql.dgs.DgsDataLoader;
import org.dataloader.MappedBatchLoader;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The categories of a page of products in one query. */
@DgsDataLoader(name = CategoryDataLoader.NAME)
public class CategoryDataLoader implements MappedBatchLoader<String, CategoryDocument> {
    public static final String NAME = "categories";
    private final CategoryRepository categories;

    public CategoryDataLoader(CategoryRepository categories) {
        this.categories = categories;
    }

    @Override
    public CompletionStage<Map<String, CategoryDocument>> load(Set<String> ids) {
        return CompletableFuture.completedFuture(
                categories.findByIds(ids).stream().collect(Collectors.toMap(CategoryDocument::id, Function.identity())));
    }
}
