package com.shopbff.catalog.category;

import com.netflix.graphql.dgs.DgsDataLoader;
import org.dataloader.MappedBatchLoader;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The categories of a page of products in one query, or none: categories cannot be renamed or deleted, so each
 * instance keeps those it has read (a few dozen) and asks MongoDB only for ids it has not seen yet.
 */
@DgsDataLoader(name = CategoryDataLoader.NAME)
public class CategoryDataLoader implements MappedBatchLoader<String, CategoryDocument> {
    public static final String NAME = "categories";
    private final CategoryRepository categories;
    private final Map<String, CategoryDocument> known = new ConcurrentHashMap<>();

    public CategoryDataLoader(CategoryRepository categories) {
        this.categories = categories;
    }

    @Override
    public CompletionStage<Map<String, CategoryDocument>> load(Set<String> ids) {
        Map<String, CategoryDocument> found = new HashMap<>();
        Set<String> missing = new HashSet<>();
        for (String id : ids) {
            CategoryDocument c = known.get(id);
            if (c != null) found.put(id, c);
            else missing.add(id);
        }
        if (!missing.isEmpty()) {
            for (CategoryDocument c : categories.findByIds(missing)) {
                known.put(c.id(), c);
                found.put(c.id(), c);
            }
        }
        return CompletableFuture.completedFuture(found);
    }
}
