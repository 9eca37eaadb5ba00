package com.shopbff.catalog.category;

import com.shopbff.catalog.UserErrors;
import com.shopbff.catalog.generated.types.CreateCategoryInput;
import com.shopbff.catalog.generated.types.UpdateCategoryInput;
import com.shopbff.catalog.generated.types.UserError;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Categories: unique names (claimed in {@link CategoryName}), rename, tax class, removal of an empty category. A
 * change of tax class is announced for every product of the category, so the orders subgraph prices them anew.
 */
@Service
public class CategoryService {
    public record Outcome(CategoryDocument category, List<UserError> userErrors) {}

    private static final Pattern TAX_CLASS = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final CategoryRepository categories;
    private final CategoryProducts products;
    private final CategoryDataLoader loader;

    public CategoryService(CategoryRepository categories, CategoryProducts products, CategoryDataLoader loader) {
        this.categories = categories;
        this.products = products;
        this.loader = loader;
    }

    public Outcome create(CreateCategoryInput in) {
        return create(UUID.randomUUID().toString(), in.getName(), in.getTaxClass());
    }

    public Outcome create(String id, String name) {
        return create(id, name, null);
    }

    /** With a given id: the demo seed uses stable ids, and seeding the same category twice is not a duplicate. */
    public Outcome create(String id, String name, String taxClass) {
        UserErrors errors = new UserErrors().requireName(name, "input", "name");
        validTaxClass(taxClass, errors);
        if (!errors.isEmpty()) return new Outcome(null, errors.list());
        String clean = name.strip();
        if (!categories.claimName(CategoryName.keyOf(clean), id)) return duplicate(clean);
        CategoryDocument c = new CategoryDocument(id, clean, taxClass == null ? CategoryDocument.STANDARD : taxClass, Instant.now());
        categories.insert(c); // a DuplicateKeyException here: the same id seeded by another instance, which owns the claim
        return new Outcome(c, List.of());
    }

    public Outcome update(UpdateCategoryInput in) {
        UserErrors errors = new UserErrors();
        if (in.getName() != null) errors.requireName(in.getName(), "input", "name");
        validTaxClass(in.getTaxClass(), errors);
        if (!errors.isEmpty()) return new Outcome(null, errors.list());
        Optional<CategoryDocument> found = categories.findById(in.getId());
        if (found.isEmpty()) return new Outcome(null, UserErrors.of(UserErrors.NOT_FOUND, "no such category", "input", "id"));
        CategoryDocument current = found.get();

        String name = in.getName() == null ? current.name() : in.getName().strip();
        String oldKey = CategoryName.keyOf(current.name()), newKey = CategoryName.keyOf(name);
        if (!newKey.equals(oldKey) && !categories.claimName(newKey, current.id())) return duplicate(name);
        String taxClass = in.getTaxClass() == null ? current.effectiveTaxClass() : in.getTaxClass();
        CategoryDocument updated = new CategoryDocument(current.id(), name, taxClass, current.createdAt());
        categories.save(updated);
        loader.forget(updated.id());
        if (!newKey.equals(oldKey)) categories.releaseName(oldKey, current.id());
        if (!taxClass.equals(current.effectiveTaxClass())) products.announceCategoryTaxClass(current.id(), taxClass);
        return new Outcome(updated, List.of());
    }

    /** Removes the category when no product belongs to it; returns the user errors otherwise. */
    public List<UserError> delete(String id) {
        Optional<CategoryDocument> found = categories.findById(id);
        if (found.isEmpty()) return UserErrors.of(UserErrors.NOT_FOUND, "no such category", "id");
        long inUse = products.countInCategory(id);
        if (inUse > 0) return UserErrors.of(UserErrors.CATEGORY_NOT_EMPTY,
                inUse + " product(s) belong to this category (withdrawn ones too): move them first", "id");
        categories.delete(id);
        loader.forget(id);
        categories.releaseName(CategoryName.keyOf(found.get().name()), id);
        return List.of();
    }

    /** The tax class of a category (standard when unknown): what {@code ProductChanged} carries. */
    public String taxClassOf(String categoryId) {
        return categories.findById(categoryId).map(CategoryDocument::effectiveTaxClass).orElse(CategoryDocument.STANDARD);
    }

    private static void validTaxClass(String taxClass, UserErrors errors) {
        if (taxClass != null && !TAX_CLASS.matcher(taxClass).matches())
            errors.add(UserErrors.INVALID_TAX_CLASS, "must be lower-case letters, digits and '-', starting with a letter, at most 32 (e.g. standard, food)",
                    "input", "taxClass");
    }

    private static Outcome duplicate(String name) {
        return new Outcome(null, UserErrors.of(UserErrors.DUPLICATE_NAME, "a category named \"" + name + "\" exists already", "input", "name"));
    }
}
