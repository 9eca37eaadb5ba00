package com.shopbff.catalog.category;

import com.shopbff.support.mongo.MongoLookups;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@Repository
public class CategoryRepository {
    private final MongoTemplate mongo;

    public CategoryRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void insert(CategoryDocument category) {
        mongo.insert(category);
    }

    public Optional<CategoryDocument> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, CategoryDocument.class));
    }

    public boolean exists(String id) {
        return MongoLookups.idExists(mongo, mongo.getCollectionName(CategoryDocument.class), id);
    }

    public List<CategoryDocument> findByIds(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), CategoryDocument.class);
    }

    public List<CategoryDocument> findAll() {
        return mongo.find(new Query().with(Sort.by("name", "_id")), CategoryDocument.class);
    }

    public long count() {
        return mongo.estimatedCount(CategoryDocument.class);
    }

    /** Claims {@code key} for the category; true when it is this category's (claimed now or before). */
    public boolean claimName(String key, String categoryId) {
        try {
            mongo.insert(new CategoryName(key, categoryId));
            return true;
        } catch (DuplicateKeyException e) {
            CategoryName holder = mongo.findById(key, CategoryName.class);
            return holder != null && categoryId.equals(holder.categoryId());
        }
    }

    public void releaseName(String key, String categoryId) {
        mongo.remove(Query.query(Criteria.where("_id").is(key).and("categoryId").is(categoryId)), CategoryName.class);
    }

    public void save(CategoryDocument category) {
        mongo.save(category);
    }

    public void delete(String id) {
        mongo.remove(Query.query(Criteria.where("_id").is(id)), CategoryDocument.class);
    }

    /** Claims the names of categories created before names were claimed (idempotent; run at start-up). */
    public void claimExistingNames() {
        for (CategoryDocument c : findAll()) claimName(CategoryName.keyOf(c.name()), c.id());
    }
}
