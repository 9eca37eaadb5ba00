package com.shopbff.catalog.category;

import com.shopbff.catalog.UserErrors;
import com.shopbff.catalog.generated.types.CreateCategoryInput;
import com.shopbff.catalog.generated.types.UserError;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Service
public class CategoryService {
    public record Outcome(CategoryDocument category, List<UserError> userErrors) {}

    private final CategoryRepository categories;

    public CategoryService(CategoryRepository categories) {
        this.categories = categories;
    }

    public Outcome create(CreateCategoryInput in) {
        return create(UUID.randomUUID().toString(), in.getName());
    }

    public Outcome create(String id, String name) {
        UserErrors errors = new UserErrors().requireName(name, "input", "name");
        if (!errors.isEmpty()) return new Outcome(null, errors.list());
        CategoryDocument c = new CategoryDocument(id, name.strip(), Instant.now());
        categories.insert(c);
        return new Outcome(c, List.of());
    }
}
