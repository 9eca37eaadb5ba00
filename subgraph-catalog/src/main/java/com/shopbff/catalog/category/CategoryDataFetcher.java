package com.shopbff.catalog.category;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.catalog.generated.DgsConstants;
import com.shopbff.catalog.generated.types.Category;
import com.shopbff.catalog.generated.types.CategoryCount;
import com.shopbff.catalog.generated.types.CategoryPayload;
import com.shopbff.catalog.generated.types.CreateCategoryInput;
import com.shopbff.catalog.generated.types.DeleteCategoryPayload;
import com.shopbff.catalog.generated.types.UpdateCategoryInput;
import com.shopbff.catalog.generated.types.Product;
import com.shopbff.support.auth.Auth;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import java.util.List;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class CategoryDataFetcher {
    private final CategoryRepository categories;
    private final CategoryService service;

    public CategoryDataFetcher(CategoryRepository categories, CategoryService service) {
        this.categories = categories;
        this.service = service;
    }

    @DgsQuery(field = DgsConstants.QUERY.Categories)
    public List<Category> categories(DataFetchingEnvironment env) {
        Auth.viewer(env);
        return categories.findAll().stream().map(CategoryDocument::toGraphQL).toList();
    }

    @DgsMutation(field = DgsConstants.MUTATION.CreateCategory)
    public CategoryPayload createCategory(@InputArgument CreateCategoryInput input, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        CategoryService.Outcome outcome = service.create(input);
        return CategoryPayload.newBuilder()
                .category(outcome.category() == null ? null : outcome.category().toGraphQL())
                .userErrors(outcome.userErrors()).build();
    }

    @DgsMutation(field = DgsConstants.MUTATION.UpdateCategory)
    public CategoryPayload updateCategory(@InputArgument UpdateCategoryInput input, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        CategoryService.Outcome outcome = service.update(input);
        return CategoryPayload.newBuilder()
                .category(outcome.category() == null ? null : outcome.category().toGraphQL())
                .userErrors(outcome.userErrors()).build();
    }

    @DgsMutation(field = DgsConstants.MUTATION.DeleteCategory)
    public DeleteCategoryPayload deleteCategory(@InputArgument(name = "id") String id, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        var errors = service.delete(id);
        return DeleteCategoryPayload.newBuilder().deletedCategoryId(errors.isEmpty() ? id : null).userErrors(errors).build();
    }

    /** The category of a search facet: one data-loader batch for all the facet's categories. */
    @DgsData(parentType = DgsConstants.CATEGORYCOUNT.TYPE_NAME, field = DgsConstants.CATEGORYCOUNT.Category)
    public CompletableFuture<Category> facetCategory(DataFetchingEnvironment env) {
        CategoryCount count = env.getSource();
        String id = count.getCategory().getId();
        DataLoader<String, CategoryDocument> loader = env.getDataLoader(CategoryDataLoader.NAME);
        return loader.load(id).thenApply(c -> c == null
                ? Category.newBuilder().id(id).name("").taxClass(CategoryDocument.STANDARD).build() : c.toGraphQL());
    }

    @DgsData(parentType = DgsConstants.PRODUCT.TYPE_NAME, field = DgsConstants.PRODUCT.Category)
    public CompletableFuture<Category> category(DataFetchingEnvironment env) {
        Product product = env.getSource();
        DataLoader<String, CategoryDocument> loader = env.getDataLoader(CategoryDataLoader.NAME);
        return loader.load(product.getCategory().getId()).thenApply(c -> c == null
                // A category with products is never deleted; this only covers data written around the API.
                ? Category.newBuilder().id(product.getCategory().getId()).name("").taxClass(CategoryDocument.STANDARD).build()
                : c.toGraphQL());
    }
}
