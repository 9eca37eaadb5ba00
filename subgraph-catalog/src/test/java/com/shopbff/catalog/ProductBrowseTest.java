package com.shopbff.catalog;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.catalog.product.ProductDocument;
import com.shopbff.catalog.product.ProductRepository;
import com.shopbff.contracts.CatalogEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.MessagePublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The storefront: paging, cursors, search, filters and sorting on the search index. */
class ProductBrowseTest extends CatalogTestBase {
    @Autowired
    ProductRepository products;
    @Autowired
    MessagePublisher publisher;

    private static final String PAGE = """
            query($f: ProductFilter, $s: ProductSort, $first: Int, $a: String) {
              products(filter: $f, sort: $s, first: $first, after: $a) {
                totalCount edges { cursor node { id name stock price { amount } } } pageInfo { hasNextPage endCursor } } }""";

    @Test
    void aCategoryOf25ProductsPagesAs20Then5() {
        String categoryId = createCategory("Paging " + tag());
        for (int i = 0; i < 25; i++) createProduct(categoryId, "Filler %02d".formatted(i), "1.00", 5);

        DocumentContext p1 = page(Map.of("categoryId", categoryId), null, null, null);
        assertThat((Integer) p1.read("$.data.products.totalCount")).isEqualTo(25);
        assertThat((List<?>) p1.read("$.data.products.edges")).hasSize(20);
        assertThat((Boolean) p1.read("$.data.products.pageInfo.hasNextPage")).isTrue();

        DocumentContext p2 = page(Map.of("categoryId", categoryId), null, null, p1.read("$.data.products.pageInfo.endCursor"));
        assertThat((List<?>) p2.read("$.data.products.edges")).hasSize(5);
        assertThat((Boolean) p2.read("$.data.products.pageInfo.hasNextPage")).isFalse();

        Set<String> ids = new HashSet<>(p1.read("$.data.products.edges[*].node.id"));
        ids.addAll(p2.read("$.data.products.edges[*].node.id"));
        assertThat(ids).hasSize(25);
        List<String> names = new ArrayList<>(p1.read("$.data.products.edges[*].node.name"));
        names.addAll(p2.read("$.data.products.edges[*].node.name"));
        assertThat(names).isSorted();
    }

    @Test
    void aPageOfMoreThan100IsABadUserInputAndABadCursorToo() {
        assertThat(errorCodes(page(Map.of(), null, 101, null))).containsExactly("BAD_USER_INPUT");
        assertThat((List<?>) page(Map.of(), null, 100, null).read("$.data.products.edges")).hasSizeLessThanOrEqualTo(100);
        assertThat(errorCodes(page(Map.of(), null, null, "not-a-cursor"))).containsExactly("BAD_USER_INPUT");
        assertThat(errorCodes(page(Map.of("minPrice", "1.999"), null, null, null))).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void aCursorOfOneOrderIsRefusedForAnother() {
        String categoryId = createCategory("Orders " + tag());
        for (int i = 0; i < 3; i++) createProduct(categoryId, "Item " + i, "1.0" + i, 1);
        DocumentContext byName = page(Map.of("categoryId", categoryId), null, 1, null);
        String cursor = byName.read("$.data.products.pageInfo.endCursor");
        assertThat(errorCodes(page(Map.of("categoryId", categoryId), Map.of("field", "PRICE"), 1, cursor))).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void searchIsCaseInsensitiveEveryWordMustMatchAndWordsMatchByPrefix() {
        String t = tag();
        String categoryId = createCategory("Search " + t);
        String oolongTea = createProduct(categoryId, "Oolong Tea " + t, "7.50", 3);
        String oolongMilk = createProduct(categoryId, "Milk OOLONG " + t, "8.00", 3);
        String greenTea = createProduct(categoryId, "Green Tea " + t, "4.00", 3);
        String brulee = createProduct(categoryId, "Crème Brûlée Tea " + t, "5.00", 3);

        assertThat(searchIds("oolo tea " + t)).containsExactly(oolongTea);
        assertThat(searchIds("OOLONG " + t)).containsExactlyInAnyOrder(oolongTea, oolongMilk);
        assertThat(searchIds("tea " + t)).containsExactlyInAnyOrder(oolongTea, greenTea, brulee);
        assertThat(searchIds("creme brul " + t)).containsExactly(brulee);
        assertThat(searchIds("long " + t)).isEmpty(); // a word matches from its start, not in its middle
        assertThat(searchIds("coffee " + t)).isEmpty();

        DocumentContext r = page(Map.of("search", "oolong " + t), null, null, null);
        List<String> names = r.read("$.data.products.edges[*].node.name");
        assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n.toLowerCase()).contains("oolong").contains(t));
        assertThat((Integer) r.read("$.data.products.totalCount")).isEqualTo(2);
    }

    @Test
    void filtersByStockAndPriceAndSortsByPriceBothWays() {
        String categoryId = createCategory("Filters " + tag());
        String cheap = createProduct(categoryId, "Cheap", "1.00", 0);
        String mid = createProduct(categoryId, "Mid", "5.50", 2);
        String dear = createProduct(categoryId, "Dear", "12.00", 1);

        assertThat(ids(page(Map.of("categoryId", categoryId, "inStock", true), Map.of("field", "PRICE"), null, null)))
                .containsExactly(mid, dear);
        assertThat(ids(page(Map.of("categoryId", categoryId, "inStock", false), null, null, null))).containsExactly(cheap);
        assertThat(ids(page(Map.of("categoryId", categoryId, "minPrice", "5.50", "maxPrice", "12"), Map.of("field", "PRICE"), null, null)))
                .containsExactly(mid, dear);
        assertThat(ids(page(Map.of("categoryId", categoryId), Map.of("field", "PRICE", "direction", "DESC"), null, null)))
                .containsExactly(dear, mid, cheap);
        assertThat(ids(page(Map.of("categoryId", categoryId), Map.of("field", "CREATED", "direction", "DESC"), null, null)))
                .containsExactly(dear, mid, cheap);
    }

    @Test
    void cursorsStayCorrectWhileProductsAreInsertedBetweenPages() throws Exception {
        String categoryId = createCategory("Concurrent " + tag());
        List<String> original = new ArrayList<>();
        for (int i = 0; i < 30; i++) original.add(createProduct(categoryId, "Item %02d".formatted(i * 2), "1.00", 1));

        CountDownLatch firstPageRead = new CountDownLatch(1);
        // Names interleave with the existing ones ("Item 01", "Item 03", ...): some land before the cursor, some after.
        CompletableFuture<List<String>> inserts = CompletableFuture.supplyAsync(() -> {
            try {
                firstPageRead.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            List<String> added = new ArrayList<>();
            for (int i = 0; i < 15; i++) added.add(createProduct(categoryId, "Item %02d".formatted(i * 4 + 1), "1.00", 1));
            return added;
        });

        List<String> seenIds = new ArrayList<>();
        List<String> seenNames = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            DocumentContext r = page(Map.of("categoryId", categoryId), null, 7, after);
            seenIds.addAll(r.read("$.data.products.edges[*].node.id"));
            seenNames.addAll(r.read("$.data.products.edges[*].node.name"));
            after = Boolean.TRUE.equals(r.read("$.data.products.pageInfo.hasNextPage")) ? r.read("$.data.products.pageInfo.endCursor") : null;
            if (pages++ == 0) {
                firstPageRead.countDown();
                inserts.join(); // the later pages are read after every insert
            }
        } while (after != null);

        assertThat(seenIds).doesNotHaveDuplicates().containsAll(original);
        assertThat(seenNames).isSortedAccordingTo(String::compareTo);
        // What was inserted behind the first page is not seen; what sorts after it is.
        String lastOfFirstPage = "Item 12";
        List<String> added = inserts.join();
        for (int i = 0; i < added.size(); i++) {
            String name = "Item %02d".formatted(i * 4 + 1);
            if (name.compareTo(lastOfFirstPage) > 0) assertThat(seenIds).as(name).contains(added.get(i));
            else assertThat(seenIds).as(name).doesNotContain(added.get(i));
        }
    }

    @Test
    void aProductWrittenByAnotherInstanceIsIndexedWhenItsEventArrives() throws Exception {
        String t = tag();
        String categoryId = createCategory("Elsewhere " + t);
        Instant now = Instant.now();
        // Written by "another instance": straight into MongoDB, so this instance's index does not know it yet.
        products.insert(new ProductDocument("other-" + t, "Elsewhere Tea " + t, null, categoryId, 250, 3, 0, List.of(), true,
                now, now, 1, List.of(), List.of(), List.of()));
        assertThat(searchIds("elsewhere " + t)).isEmpty();

        publisher.publish(Topics.CATALOG_EVENTS, new CatalogEvent.ProductChanged("other-" + t, "Elsewhere Tea " + t, 250, "USD", true, 3))
                .get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(90)).until(() -> searchIds("elsewhere " + t).equals(List.of("other-" + t)));
    }

    private DocumentContext page(Map<String, ?> filter, Map<String, ?> sort, Integer first, String after) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("f", filter);
        vars.put("s", sort);
        vars.put("first", first);
        vars.put("a", after);
        return gql(PAGE, vars);
    }

    private List<String> searchIds(String search) {
        return ids(page(Map.of("search", search), null, null, null));
    }

    private static List<String> ids(DocumentContext r) {
        List<String> ids = r.read("$.data.products.edges[*].node.id");
        if (ids == null) throw new AssertionError(r.jsonString());
        return ids;
    }
}
