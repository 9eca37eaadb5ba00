package com.shopbff.catalog.product;

import com.shopbff.catalog.UserErrors;
import com.shopbff.catalog.category.CategoryDocument;
import com.shopbff.catalog.category.CategoryProducts;
import com.shopbff.catalog.category.CategoryRepository;
import com.shopbff.catalog.generated.types.CreateProductInput;
import com.shopbff.catalog.generated.types.UpdateProductInput;
import com.shopbff.catalog.generated.types.UserError;
import com.shopbff.catalog.messaging.CatalogOutbox;
import com.shopbff.catalog.search.ProductIndex;
import com.shopbff.catalog.search.SearchReplicas;
import com.shopbff.catalog.stock.ProductStock;
import com.shopbff.contracts.CatalogEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.OutboxEntry;
import com.shopbff.support.money.MoneyFormat;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The administrator's changes to products, validated; each is one MongoDB write with its event in the outbox. A
 * change made through the API returns once this instance's search shows it and the other instances' searches do too
 * (at most {@code shop.catalog.search-replica-wait}, see {@link SearchReplicas}): read-your-writes whichever instance
 * the next query reaches.
 */
@Service
public class ProductService implements CategoryProducts {
    private static final int MAX_IMAGES = 20;
    private static final int MAX_ATTEMPTS = 1_000;

    /** The product as written, or the reasons it was not. */
    public record Outcome(ProductView product, List<UserError> userErrors) {
        static Outcome ok(ProductDocument p) {
            return new Outcome(ProductView.of(p), List.of());
        }

        static Outcome failed(List<UserError> errors) {
            return new Outcome(null, errors);
        }
    }

    private final ProductRepository products;
    private final CategoryRepository categories;
    private final ProductIndex index;
    private final CatalogOutbox outbox;
    private final ProductStock stock;
    private final SearchReplicas replicas;
    private final String currency;

    public ProductService(ProductRepository products, CategoryRepository categories, ProductIndex index,
                          CatalogOutbox outbox, ProductStock stock, SearchReplicas replicas,
                          @Value("${shop.currency:USD}") String currency) {
        this.products = products;
        this.categories = categories;
        this.index = index;
        this.outbox = outbox;
        this.stock = stock;
        this.replicas = replicas;
        this.currency = currency;
    }

    public Outcome create(CreateProductInput in) {
        return create(UUID.randomUUID().toString(), in, Instant.now(), true);
    }

    /**
     * With a given id and time: the demo seed uses stable ids so that two instances seeding at once agree (and does
     * not wait for the other instances' indexes: they catch up from the change feed).
     */
    public Outcome create(String id, CreateProductInput in, Instant now) {
        return create(id, in, now, false);
    }

    private Outcome create(String id, CreateProductInput in, Instant now, boolean awaitReplicas) {
        UserErrors errors = new UserErrors();
        errors.requireName(in.getName(), "input", "name");
        errors.limitText(in.getDescription(), "input", "description");
        Optional<Long> price = validPrice(in.getPrice(), errors, "input", "price");
        if (in.getStock() < 0) errors.add(UserErrors.NEGATIVE_STOCK, "must be 0 or more", "input", "stock");
        validCategory(in.getCategoryId(), errors, "input", "categoryId");
        List<String> images = validImages(in.getImages(), errors, "input", "images");
        if (!errors.isEmpty()) return Outcome.failed(errors.list());

        String name = in.getName().strip();
        ProductDocument p = new ProductDocument(id, name, in.getDescription(), in.getCategoryId(), price.orElseThrow(),
                in.getStock(), 0, images, true, now, now, 1, List.of(), List.of(),
                List.of(OutboxEntry.of(Topics.CATALOG_EVENTS, changed(id, name, price.get(), true, in.getStock(), in.getCategoryId()))));
        products.insert(p);
        index.put(p);
        if (awaitReplicas) publishToReplicas(id);
        else outbox.relayProduct(id);
        return Outcome.ok(p);
    }

    public Outcome update(UpdateProductInput in) {
        UserErrors errors = new UserErrors();
        if (in.getName() != null) errors.requireName(in.getName(), "input", "name");
        errors.limitText(in.getDescription(), "input", "description");
        Optional<Long> price = in.getPrice() == null ? Optional.empty() : validPrice(in.getPrice(), errors, "input", "price");
        if (in.getCategoryId() != null) validCategory(in.getCategoryId(), errors, "input", "categoryId");
        List<String> images = in.getImages() == null ? null : validImages(in.getImages(), errors, "input", "images");
        if (!errors.isEmpty()) return Outcome.failed(errors.list());

        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ProductDocument> current = products.findById(in.getId()).filter(ProductDocument::active);
            if (current.isEmpty()) return notFound("input", "id");
            ProductDocument p = current.get();
            String name = in.getName() == null ? p.name() : in.getName().strip();
            long priceMinor = price.orElse(p.priceMinor());
            Update update = new Update().set("name", name).set("priceMinor", priceMinor).set("updatedAt", Instant.now())
                    .push("outbox", OutboxEntry.of(Topics.CATALOG_EVENTS, changed(p.id(), name, priceMinor, true, p.stock(), in.getCategoryId() == null ? p.categoryId() : in.getCategoryId())));
            if (in.getDescription() != null) update.set("description", in.getDescription());
            if (in.getCategoryId() != null) update.set("categoryId", in.getCategoryId());
            if (images != null) update.set("images", images);
            Optional<ProductDocument> written = products.compareAndUpdate(p, new Document("active", true), update);
            if (written.isPresent()) return published(written.get());
        }
        throw new IllegalStateException("product " + in.getId() + " kept changing");
    }

    /** Takes a product off the storefront; it stays in MongoDB so that past orders still show it. */
    public Outcome delete(String id) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ProductDocument> current = products.findById(id).filter(ProductDocument::active);
            if (current.isEmpty()) return notFound("id");
            ProductDocument p = current.get();
            Update update = new Update().set("active", false).set("updatedAt", Instant.now())
                    .push("outbox", OutboxEntry.of(Topics.CATALOG_EVENTS, changed(p.id(), p.name(), p.priceMinor(), false, p.stock(), p.categoryId())));
            Optional<ProductDocument> written = products.compareAndUpdate(p, new Document("active", true), update);
            if (written.isPresent()) return published(written.get());
        }
        throw new IllegalStateException("product " + id + " kept changing");
    }

    public Outcome adjustStock(String productId, int delta) {
        ProductStock.Result r = stock.adjust(productId, delta);
        return switch (r.outcome()) {
            case DONE -> Outcome.ok(r.product());
            case SHORT -> Outcome.failed(UserErrors.of(UserErrors.INSUFFICIENT_STOCK,
                    "only " + r.stock() + " in stock: the stock cannot go below 0", "input", "delta"));
            case NOT_FOUND, ALREADY_DONE -> notFound("input", "productId");
        };
    }

    private Outcome published(ProductDocument p) {
        index.put(p);
        publishToReplicas(p.id());
        return Outcome.ok(p);
    }

    /** Sends the change's event now and waits (bounded) until the other instances' indexes show it. */
    private void publishToReplicas(String id) {
        if (outbox.relayProductNow(id)) replicas.awaitIndexed(id);
    }

    private CatalogEvent.ProductChanged changed(String id, String name, long priceMinor, boolean active, int stock, String categoryId) {
        String taxClass = categories.findById(categoryId).map(CategoryDocument::effectiveTaxClass).orElse(CategoryDocument.STANDARD);
        return new CatalogEvent.ProductChanged(id, name, priceMinor, currency, active, stock, taxClass);
    }

    @Override
    public long countInCategory(String categoryId) {
        return products.idsInCategory(categoryId).size();
    }

    /**
     * Announces each product of the category again, so the orders subgraph prices it at the new tax class: one
     * conditional write per product, its event in the product's outbox as for any other change.
     */
    @Override
    public void announceCategoryTaxClass(String categoryId, String taxClass) {
        for (String id : products.idsInCategory(categoryId)) {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Optional<ProductDocument> current = products.findById(id);
                if (current.isEmpty() || !categoryId.equals(current.get().categoryId())) break;
                ProductDocument p = current.get();
                Update update = new Update().set("updatedAt", Instant.now()).push("outbox", OutboxEntry.of(Topics.CATALOG_EVENTS,
                        new CatalogEvent.ProductChanged(p.id(), p.name(), p.priceMinor(), currency, p.active(), p.stock(), taxClass)));
                if (products.compareAndUpdate(p, new Document(), update).isPresent()) {
                    outbox.relayProduct(p.id());
                    break;
                }
            }
        }
    }

    private static Outcome notFound(String... field) {
        return Outcome.failed(UserErrors.of(UserErrors.NOT_FOUND, "no such product", field));
    }

    private static Optional<Long> validPrice(String price, UserErrors errors, String... field) {
        Optional<Long> minor = MoneyFormat.parse(price);
        if (minor.isEmpty()) {
            errors.add(UserErrors.INVALID_PRICE, "must be a decimal amount with at most 2 decimals, e.g. \"7.50\"", field);
        } else if (minor.get() <= 0) {
            errors.add(UserErrors.INVALID_PRICE, "must be greater than 0", field);
            return Optional.empty();
        }
        return minor;
    }

    private void validCategory(String categoryId, UserErrors errors, String... field) {
        if (categoryId == null || categoryId.isBlank()) errors.add(UserErrors.REQUIRED, "must not be empty", field);
        else if (!categories.exists(categoryId)) errors.add(UserErrors.UNKNOWN_CATEGORY, "no such category", field);
    }

    /** Absolute http(s) URLs with a host, at most 2000 characters each and {@value #MAX_IMAGES} in all; kept trimmed. */
    private static List<String> validImages(List<String> images, UserErrors errors, String... field) {
        if (images == null) return List.of();
        if (images.size() > MAX_IMAGES) errors.add(UserErrors.TOO_LONG, "at most " + MAX_IMAGES + " images", field);
        List<String> clean = new java.util.ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String url = images.get(i) == null ? "" : images.get(i).strip();
            String[] at = java.util.Arrays.copyOf(field, field.length + 1);
            at[field.length] = String.valueOf(i);
            if (url.isEmpty()) errors.add(UserErrors.REQUIRED, "image URL " + (i + 1) + " must not be empty", at);
            else if (url.length() > 2000) errors.add(UserErrors.TOO_LONG, "image URL " + (i + 1) + " must be at most 2000 characters", at);
            else if (!isWebUrl(url)) errors.add(UserErrors.INVALID_URL, "image URL " + (i + 1) + " must be an absolute http or https URL, e.g. https://img.example.com/tea.jpg", at);
            clean.add(url);
        }
        return List.copyOf(clean);
    }

    static boolean isWebUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank()
                    && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
