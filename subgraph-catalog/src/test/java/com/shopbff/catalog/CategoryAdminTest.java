package com.shopbff.catalog;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.contracts.CatalogEvent;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.Topics;
import com.shopbff.embedded.SharedTestInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Category administration: unique names, rename, tax class, removal of an empty category; image URLs. */
class CategoryAdminTest extends CatalogTestBase {
    private static final String CREATE = "mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id name taxClass } userErrors { code field message } } }";
    private static final String UPDATE = "mutation($i: UpdateCategoryInput!) { updateCategory(input: $i) { category { id name taxClass } userErrors { code field message } } }";
    private static final String DELETE = "mutation($id: ID!) { deleteCategory(id: $id) { deletedCategoryId userErrors { code field message } } }";

    private static List<org.assertj.core.groups.Tuple> errors(DocumentContext r, String mutation) {
        List<Map<String, Object>> list = r.read("$.data." + mutation + ".userErrors");
        return list.stream().map(e -> tuple(e.get("code"), e.get("field"))).toList();
    }

    @Test
    void aSecondCategoryWithTheSameNameIsRefusedWhateverItsCaseAndSpaces() {
        String name = "Green Teas " + tag();
        DocumentContext first = gql(CREATE, Map.of("i", Map.of("name", name)), ADMIN);
        assertThat(first.<String>read("$.data.createCategory.category.taxClass")).isEqualTo("standard");
        DocumentContext again = gql(CREATE, Map.of("i", Map.of("name", "  " + name.toUpperCase().replace(" ", "   ") + " ")), ADMIN);
        assertThat(errors(again, "createCategory")).containsExactly(tuple("DUPLICATE_NAME", List.of("input", "name")));
        assertThat(again.<Object>read("$.data.createCategory.category")).isNull();
        List<String> names = gql("{ categories { name } }").read("$.data.categories[*].name");
        assertThat(names.stream().filter(n -> n.equalsIgnoreCase(name))).hasSize(1);
    }

    @Test
    void aCategoryCanBeRenamedAndItsOldNameIsFreeAgain() {
        String t = tag();
        String id = createCategory("Herbal " + t);
        String other = createCategory("Fruit " + t);
        DocumentContext renamed = gql(UPDATE, Map.of("i", Map.of("id", id, "name", "Herbal Infusions " + t)), ADMIN);
        assertThat(renamed.<String>read("$.data.updateCategory.category.name")).isEqualTo("Herbal Infusions " + t);
        String product = createProduct(id, "Camomile " + t, "2.00", 3);
        assertThat(gql("query($id: ID!) { product(id: $id) { category { name } } }", Map.of("id", product))
                .<String>read("$.data.product.category.name")).isEqualTo("Herbal Infusions " + t);

        assertThat(errors(gql(UPDATE, Map.of("i", Map.of("id", other, "name", "herbal infusions " + t)), ADMIN), "updateCategory"))
                .containsExactly(tuple("DUPLICATE_NAME", List.of("input", "name")));
        assertThat(gql(CREATE, Map.of("i", Map.of("name", "Herbal " + t)), ADMIN).<String>read("$.data.createCategory.category.name"))
                .as("the old name was released").isEqualTo("Herbal " + t);
        assertThat(errors(gql(UPDATE, Map.of("i", Map.of("id", "no-such-category", "name", "x " + t)), ADMIN), "updateCategory"))
                .containsExactly(tuple("NOT_FOUND", List.of("input", "id")));
        assertThat(errors(gql(UPDATE, Map.of("i", Map.of("id", id, "name", " ")), ADMIN), "updateCategory"))
                .containsExactly(tuple("REQUIRED", List.of("input", "name")));
        assertThat(errorCodes(gql(UPDATE, Map.of("i", Map.of("id", id, "name", "y")), CUSTOMER))).containsExactly("FORBIDDEN");
    }

    @Test
    void aNewTaxClassIsAnnouncedForEveryProductOfTheCategory() throws Exception {
        String t = tag();
        DocumentContext bad = gql(CREATE, Map.of("i", Map.of("name", "Bad " + t, "taxClass", "Food!")), ADMIN);
        assertThat(errors(bad, "createCategory")).containsExactly(tuple("INVALID_TAX_CLASS", List.of("input", "taxClass")));
        String id = createCategory("Snacks " + t);
        String a = createProduct(id, "Crackers " + t, "1.00", 5), b = createProduct(id, "Pretzels " + t, "1.50", 5);
        assertThat(gql(UPDATE, Map.of("i", Map.of("id", id, "taxClass", "food")), ADMIN)
                .<String>read("$.data.updateCategory.category.taxClass")).isEqualTo("food");

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "category-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CATALOG_EVENTS));
            List<String> announcedAsFood = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (announcedAsFood.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (MessageCodec.decode(r.value()).payload() instanceof CatalogEvent.ProductChanged p
                            && (p.productId().equals(a) || p.productId().equals(b)) && "food".equals(p.taxClass()))
                        announcedAsFood.add(p.productId());
                });
            }
            assertThat(announcedAsFood).containsExactlyInAnyOrder(a, b);
        }
    }

    @Test
    void onlyACategoryWithoutProductsCanBeRemoved() {
        String t = tag();
        String full = createCategory("Full " + t), empty = createCategory("Empty " + t);
        String product = createProduct(full, "Kept " + t, "3.00", 1);
        gql("mutation($id: ID!) { deleteProduct(id: $id) { userErrors { code } } }", Map.of("id", product), ADMIN);
        DocumentContext refused = gql(DELETE, Map.of("id", full), ADMIN);
        assertThat(errors(refused, "deleteCategory")).as("a withdrawn product still shows its category in past orders")
                .containsExactly(tuple("CATEGORY_NOT_EMPTY", List.of("id")));
        assertThat(refused.<Object>read("$.data.deleteCategory.deletedCategoryId")).isNull();

        assertThat(gql(DELETE, Map.of("id", empty), ADMIN).<String>read("$.data.deleteCategory.deletedCategoryId")).isEqualTo(empty);
        assertThat(gql("{ categories { id } }").<List<String>>read("$.data.categories[*].id")).contains(full).doesNotContain(empty);
        assertThat(errors(gql(DELETE, Map.of("id", empty), ADMIN), "deleteCategory")).containsExactly(tuple("NOT_FOUND", List.of("id")));
        assertThat(gql(CREATE, Map.of("i", Map.of("name", "Empty " + t)), ADMIN).<String>read("$.data.createCategory.category.name"))
                .isEqualTo("Empty " + t);
        assertThat(errorCodes(gql(DELETE, Map.of("id", full), CUSTOMER))).containsExactly("FORBIDDEN");
    }

    @Test
    void imageUrlsMustBeAbsoluteWebUrls() {
        String categoryId = createCategory("Images " + tag());
        String create = "mutation($i: CreateProductInput!) { createProduct(input: $i) { product { images } userErrors { code field } } }";
        DocumentContext bad = gql(create, Map.of("i", Map.of("name", "Pictured", "categoryId", categoryId, "price", "1.00", "stock", 1,
                "images", List.of("https://img.example.com/a.jpg", "javascript:alert(1)", "/relative.png", "ftp://x/y.jpg", " "))), ADMIN);
        assertThat(errors(bad, "createProduct")).containsExactly(
                tuple("INVALID_URL", List.of("input", "images", "1")),
                tuple("INVALID_URL", List.of("input", "images", "2")),
                tuple("INVALID_URL", List.of("input", "images", "3")),
                tuple("REQUIRED", List.of("input", "images", "4")));
        DocumentContext ok = gql(create, Map.of("i", Map.of("name", "Pictured", "categoryId", categoryId, "price", "1.00", "stock", 1,
                "images", List.of(" https://img.example.com/a.jpg ", "http://cdn.example.org/b.png?size=2"))), ADMIN);
        assertThat(ok.<List<String>>read("$.data.createProduct.product.images"))
                .containsExactly("https://img.example.com/a.jpg", "http://cdn.example.org/b.png?size=2");
        String id = createProduct(categoryId, "Later", "1.00", 1);
        DocumentContext update = gql("mutation($i: UpdateProductInput!) { updateProduct(input: $i) { userErrors { code field } } }",
                Map.of("i", Map.of("id", id, "images", List.of("data:image/png;base64,AAAA"))), ADMIN);
        assertThat(errors(update, "updateProduct")).containsExactly(tuple("INVALID_URL", List.of("input", "images", "0")));
    }
}
