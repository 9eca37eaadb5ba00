package com.shopbff.catalog;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The administrator's mutations: who may call them, what they validate, and what deleting keeps. */
class ProductAdminTest extends CatalogTestBase {
    private static final String CREATE = """
            mutation($i: CreateProductInput!) { createProduct(input: $i) {
              product { id name stock price { amount currency } available active category { id name } }
              userErrors { code field message } } }""";

    @Autowired
    MongoCommands mongoCommands;

    @Test
    void aCustomerMayNotCreateProductsAndAnAnonymousCallerMustSignIn() {
        String categoryId = createCategory("Forbidden " + tag());
        Map<String, Object> input = Map.of("i", Map.of("name", "x", "categoryId", categoryId, "price", "1.00", "stock", 1));

        DocumentContext asCustomer = gql(CREATE, input, CUSTOMER);
        assertThat(errorCodes(asCustomer)).containsExactly("FORBIDDEN");
        Map<String, Object> data = asCustomer.read("$.data");
        assertThat(data == null ? null : data.get("createProduct")).isNull();

        DocumentContext anonymous = gql(CREATE, input);
        assertThat(errorCodes(anonymous)).containsExactly("UNAUTHENTICATED");

        DocumentContext category = gql("mutation { createCategory(input: {name: \"x\"}) { category { id } } }", Map.of(), CUSTOMER);
        assertThat(errorCodes(category)).containsExactly("FORBIDDEN");
        DocumentContext stock = gql("mutation { adjustStock(input: {productId: \"p\", delta: 5}) { product { id } } }", Map.of(), CUSTOMER);
        assertThat(errorCodes(stock)).containsExactly("FORBIDDEN");
    }

    @Test
    void theAdminCreatesAProductWithPriceAndStock() {
        String categoryId = createCategory("Teas " + tag());
        DocumentContext r = gql(CREATE, Map.of("i", Map.of("name", "  Oolong  ", "description", "d", "categoryId", categoryId,
                "price", "7.5", "stock", 3)), ADMIN);

        assertThat((List<?>) r.read("$.data.createProduct.userErrors")).isEmpty();
        assertThat((String) r.read("$.data.createProduct.product.name")).isEqualTo("Oolong");
        assertThat((String) r.read("$.data.createProduct.product.price.amount")).isEqualTo("7.50");
        assertThat((String) r.read("$.data.createProduct.product.price.currency")).isEqualTo("USD");
        assertThat((Integer) r.read("$.data.createProduct.product.stock")).isEqualTo(3);
        assertThat((Boolean) r.read("$.data.createProduct.product.available")).isTrue();
        assertThat((String) r.read("$.data.createProduct.product.category.id")).isEqualTo(categoryId);
    }

    @Test
    void everyInvalidFieldOfANewProductIsAUserError() {
        DocumentContext r = gql(CREATE, Map.of("i", Map.of("name", "   ", "categoryId", "no-such-category",
                "price", "1.005", "stock", -1)), ADMIN);

        assertThat((Object) r.read("$.data.createProduct.product")).isNull();
        assertThat(userErrors(r, "createProduct")).containsExactlyInAnyOrder(
                tuple("REQUIRED", List.of("input", "name")),
                tuple("INVALID_PRICE", List.of("input", "price")),
                tuple("NEGATIVE_STOCK", List.of("input", "stock")),
                tuple("UNKNOWN_CATEGORY", List.of("input", "categoryId")));
    }

    @Test
    void aPriceMustBeAPositiveDecimalWithAtMostTwoDecimals() {
        String categoryId = createCategory("Prices " + tag());
        for (String price : List.of("0", "0.00", "-1.00", "abc", "1.234", "", "1e3")) {
            DocumentContext r = gql(CREATE, Map.of("i", Map.of("name", "p", "categoryId", categoryId, "price", price, "stock", 1)), ADMIN);
            assertThat(userErrors(r, "createProduct")).as(price).containsExactly(tuple("INVALID_PRICE", List.of("input", "price")));
        }
        DocumentContext blankCategory = gql(CREATE, Map.of("i", Map.of("name", "p", "categoryId", "", "price", "1.00", "stock", 1)), ADMIN);
        assertThat(userErrors(blankCategory, "createProduct")).containsExactly(tuple("REQUIRED", List.of("input", "categoryId")));
        DocumentContext longName = gql(CREATE, Map.of("i", Map.of("name", "x".repeat(201), "categoryId", categoryId, "price", "1.00", "stock", 1)), ADMIN);
        assertThat(userErrors(longName, "createProduct")).containsExactly(tuple("TOO_LONG", List.of("input", "name")));
    }

    @Test
    void invalidCategoriesUpdatesStockChangesAndPickupPointsAreUserErrors() {
        DocumentContext category = gql("mutation { createCategory(input: {name: \" \"}) { category { id } userErrors { code field } } }", Map.of(), ADMIN);
        assertThat(userErrors(category, "createCategory")).containsExactly(tuple("REQUIRED", List.of("input", "name")));

        String categoryId = createCategory("Updates " + tag());
        String id = createProduct(categoryId, "Sencha", "2.25", 4);
        String update = "mutation($i: UpdateProductInput!) { updateProduct(input: $i) { product { id name } userErrors { code field message } } }";
        DocumentContext badUpdate = gql(update, Map.of("i", Map.of("id", id, "name", "", "price", "-2", "categoryId", "nope")), ADMIN);
        assertThat(userErrors(badUpdate, "updateProduct")).containsExactlyInAnyOrder(
                tuple("REQUIRED", List.of("input", "name")),
                tuple("INVALID_PRICE", List.of("input", "price")),
                tuple("UNKNOWN_CATEGORY", List.of("input", "categoryId")));
        DocumentContext unknown = gql(update, Map.of("i", Map.of("id", "no-such-product", "name", "x")), ADMIN);
        assertThat(userErrors(unknown, "updateProduct")).containsExactly(tuple("NOT_FOUND", List.of("input", "id")));

        String adjust = "mutation($i: AdjustStockInput!) { adjustStock(input: $i) { product { stock } userErrors { code field message } } }";
        DocumentContext tooMuch = gql(adjust, Map.of("i", Map.of("productId", id, "delta", -5)), ADMIN);
        assertThat(userErrors(tooMuch, "adjustStock")).containsExactly(tuple("INSUFFICIENT_STOCK", List.of("input", "delta")));
        DocumentContext noProduct = gql(adjust, Map.of("i", Map.of("productId", "no-such-product", "delta", 1)), ADMIN);
        assertThat(userErrors(noProduct, "adjustStock")).containsExactly(tuple("NOT_FOUND", List.of("input", "productId")));
        DocumentContext ok = gql(adjust, Map.of("i", Map.of("productId", id, "delta", -4)), ADMIN);
        assertThat((Integer) ok.read("$.data.adjustStock.product.stock")).isZero();

        DocumentContext delete = gql("mutation { deleteProduct(id: \"no-such-product\") { product { id } userErrors { code field } } }", Map.of(), ADMIN);
        assertThat(userErrors(delete, "deleteProduct")).containsExactly(tuple("NOT_FOUND", List.of("id")));

        Map<String, Object> address = new HashMap<>(Map.of("line1", "", "city", " ", "postalCode", "", "country", ""));
        DocumentContext pickup = gql("mutation($i: CreatePickupPointInput!) { createPickupPoint(input: $i) { pickupPoint { id } userErrors { code field } } }",
                Map.of("i", Map.of("name", "", "address", address)), ADMIN);
        assertThat(userErrors(pickup, "createPickupPoint")).containsExactlyInAnyOrder(
                tuple("REQUIRED", List.of("input", "name")),
                tuple("REQUIRED", List.of("input", "address", "line1")),
                tuple("REQUIRED", List.of("input", "address", "city")),
                tuple("REQUIRED", List.of("input", "address", "postalCode")),
                tuple("REQUIRED", List.of("input", "address", "country")));
    }

    @Test
    void anUpdateChangesNameAndPriceAndIsSearchableAtOnce() {
        String categoryId = createCategory("Renames " + tag());
        String id = createProduct(categoryId, "Plain Tea", "3.00", 2);
        DocumentContext r = gql("mutation($i: UpdateProductInput!) { updateProduct(input: $i) { product { name price { amount } stock } userErrors { code } } }",
                Map.of("i", Map.of("id", id, "name", "Smoky Lapsang", "price", "4.10")), ADMIN);
        assertThat((String) r.read("$.data.updateProduct.product.name")).isEqualTo("Smoky Lapsang");
        assertThat((String) r.read("$.data.updateProduct.product.price.amount")).isEqualTo("4.10");
        assertThat((Integer) r.read("$.data.updateProduct.product.stock")).isEqualTo(2);

        DocumentContext page = gql("query($f: ProductFilter) { products(filter: $f) { edges { node { id name price { amount } } } } }",
                Map.of("f", Map.of("categoryId", categoryId)));
        assertThat((List<String>) page.read("$.data.products.edges[*].node.name")).containsExactly("Smoky Lapsang");
        assertThat((List<String>) page.read("$.data.products.edges[*].node.price.amount")).containsExactly("4.10");
    }

    @Test
    void aDeletedProductVanishesFromBrowsingButStillResolvesAsAnEntity() {
        String categoryId = createCategory("Deleted " + tag());
        String kept = createProduct(categoryId, "Kept", "1.00", 1);
        String gone = createProduct(categoryId, "Gone", "1.00", 1);

        DocumentContext deleted = gql("mutation($id: ID!) { deleteProduct(id: $id) { product { id active available } userErrors { code } } }",
                Map.of("id", gone), ADMIN);
        assertThat((Boolean) deleted.read("$.data.deleteProduct.product.active")).isFalse();
        assertThat((Boolean) deleted.read("$.data.deleteProduct.product.available")).isFalse();

        DocumentContext page = gql("query($f: ProductFilter) { products(filter: $f) { totalCount edges { node { id } } } }",
                Map.of("f", Map.of("categoryId", categoryId)));
        assertThat((List<String>) page.read("$.data.products.edges[*].node.id")).containsExactly(kept);
        assertThat((Integer) page.read("$.data.products.totalCount")).isEqualTo(1);

        DocumentContext entities = gql("""
                query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id name active price { amount } category { name } } } }""",
                Map.of("r", List.of(Map.of("__typename", "Product", "id", gone), Map.of("__typename", "Product", "id", kept))));
        assertThat((List<String>) entities.read("$.data._entities[*].id")).containsExactly(gone, kept);
        assertThat((List<Boolean>) entities.read("$.data._entities[*].active")).containsExactly(false, true);
    }

    @Test
    void entitiesOfOneRequestAreLoadedWithOneQuery() {
        String categoryId = createCategory("Batch " + tag());
        List<Map<String, String>> representations = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            representations.add(Map.of("__typename", "Product", "id", createProduct(categoryId, "Batch " + i, "1.00", 1)));
        }
        representations.add(Map.of("__typename", "Product", "id", "no-such-product"));

        mongoCommands.clear();
        DocumentContext r = gql("query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id name category { name } } } }",
                Map.of("r", representations));

        assertThat((List<String>) r.read("$.data._entities[0:5].name")).containsExactly("Batch 0", "Batch 1", "Batch 2", "Batch 3", "Batch 4");
        assertThat((Object) r.read("$.data._entities[5]")).isNull();
        assertThat(mongoCommands.batchFinds("products")).isEqualTo(1);
        assertThat(mongoCommands.batchFinds("categories")).isEqualTo(1);
    }

    private static List<org.assertj.core.groups.Tuple> userErrors(DocumentContext r, String mutation) {
        List<Map<String, Object>> errors = r.read("$.data." + mutation + ".userErrors");
        if (errors == null) throw new AssertionError(r.jsonString());
        return errors.stream().map(e -> tuple(e.get("code"), e.get("field"))).toList();
    }
}
