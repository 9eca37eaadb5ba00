package com.shopbff.catalog.category;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

import com.netflix.graphql.dgs.DgsDataLoader;
import org.dataloader.MappedBatchLoader;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The categories of a page of products in one query, or none: each instance keeps those it has read (a few dozen) for
 * {@link #FRESH_FOR} and asks MongoDB only for ids it has not seen lately. A rename or tax-class change on this
 * instance is seen at once ({@link #forget}); on other instances within {@link #FRESH_FOR}.
 */
@DgsDataLoader(name = CategoryDataLoader.NAME)
public class CategoryDataLoader implements MappedBatchLoader<String, CategoryDocument> {
    public static final String NAME = "categories";
    private final CategoryRepository categories;
    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private final Cache<String, CategoryDocument> known = Caffeine.newBuilder().expireAfterWrite(FRESH_FOR).maximumSize(10_000).build();

    public CategoryDataLoader(CategoryRepository categories) {
        this.categories = categories;
    }

    @Override
    public CompletionStage<Map<String, CategoryDocument>> load(Set<String> ids) {
        Map<String, CategoryDocument> found = new HashMap<>();
        Set<String> missing = new HashSet<>();
        for (String id : ids) {
            CategoryDocument c = known.getIfPresent(id);
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

    /** Drops a category this instance changed, so its next read is fresh. */
    public void forget(String id) {
        known.invalidate(id);
    }
}
