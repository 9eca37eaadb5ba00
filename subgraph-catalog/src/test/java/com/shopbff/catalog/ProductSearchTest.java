package com.shopbff.catalog;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Search as a customer expects it: descriptions, typos, relevance, suggestions, facets. */
class ProductSearchTest extends CatalogTestBase {
    private static final String SEARCH = """
            query($f: ProductFilter, $s: ProductSort, $first: Int, $a: String) { products(filter: $f, sort: $s, first: $first, after: $a) {
              totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }""";

    private String product(String categoryId, String name, String description, String price) {
        DocumentContext r = gql("mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id } userErrors { code } } }",
                Map.of("i", Map.of("name", name, "description", description, "categoryId", categoryId, "price", price, "stock", 5)), ADMIN);
        String id = r.read("$.data.createProduct.product.id");
        if (id == null) throw new AssertionError(r.jsonString());
        return id;
    }

    private DocumentContext search(String text, Map<String, ?> sort, Integer first, String after) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("f", Map.of("search", text));
        vars.put("s", sort);
        vars.put("first", first);
        vars.put("a", after);
        return gql(SEARCH, vars);
    }

    private List<String> ids(String text) {
        return search(text, null, null, null).read("$.data.products.edges[*].node.id");
    }

    @Test
    void descriptionsAreSearchedAndNameMatchesRankFirst() {
        String t = tag();
        String c = createCategory("Blends " + t);
        String inDescription = product(c, "Evening Blend " + t, "Green tea with jasmine flowers", "3.00");
        String inName = product(c, "Jasmine Pearls " + t, "Rolled green tea leaves", "9.00");
        String neither = product(c, "Morning Blend " + t, "Black tea", "2.00");
        // Relevance by default when there is search text: the name match first, though "Evening" sorts before "Jasmine".
        assertThat(ids("jasmine " + t)).containsExactly(inName, inDescription);
        assertThat(ids("jasm " + t)).containsExactly(inName, inDescription);
        assertThat(ids("black " + t)).containsExactly(neither);
        // An explicit sort still applies.
        assertThat(search("jasmine " + t, Map.of("field", "NAME"), null, null).<List<String>>read("$.data.products.edges[*].node.id"))
                .containsExactly(inDescription, inName);
    }

    @Test
    void wordsOfFourOrMoreLettersForgiveATypoAndExactMatchesRankFirst() {
        String t = tag();
        String c = createCategory("Typos " + t);
        String darjeeling = product(c, "Darjeeling First Flush " + t, "Spring harvest", "6.00");
        String camomile = product(c, "Chamomile Calm " + t, "Flowers", "3.00");
        String chai = product(c, "Masala Chai " + t, "Spiced", "4.00");
        String chair = product(c, "Bamboo Chair Mat " + t, "For the teapot", "4.00");
        assertThat(ids("darjeling " + t)).containsExactly(darjeeling);      // one letter missing
        assertThat(ids("darjeelnig " + t)).containsExactly(darjeeling);     // swapped letters
        assertThat(ids("camomille " + t)).containsExactly(camomile);        // two typos in a word of 8+ letters
        assertThat(ids("chamo " + t)).containsExactly(camomile);            // and prefixes as before
        assertThat(ids("chia " + t)).containsExactly(chai);                 // 4 letters: one typo
        assertThat(ids("cai " + t)).isEmpty();                               // 3 letters: exact prefixes only
        assertThat(ids("xarjeeling " + t)).isEmpty();                        // the first letter must be right
        // "chai" is exact for one product and one typo away from "chair": the exact match first.
        assertThat(ids("chai " + t)).containsExactly(chai, chair);
    }

    @Test
    void relevancePagesContinueWithoutRepeatsOrGaps() {
        String t = tag();
        String c = createCategory("Paged relevance " + t);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) all.add(product(c, "Oolong " + i + " " + t, "Tea", "2.00"));
        for (int i = 0; i < 6; i++) all.add(product(c, "Blend " + i + " " + t, "With oolong", "2.00"));
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            DocumentContext page = search("oolong " + t, null, 4, after);
            seen.addAll(page.read("$.data.products.edges[*].node.id"));
            after = page.read("$.data.products.pageInfo.hasNextPage") ? page.read("$.data.products.pageInfo.endCursor") : null;
        } while (after != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 7)).as("every name match before any description match").containsExactlyInAnyOrderElementsOf(all.subList(0, 7));
        DocumentContext wrongOrder = gql(SEARCH, Map.of("f", Map.of("search", "oolong " + t), "s", Map.of("field", "PRICE"), "a",
                search("oolong " + t, null, 4, null).<String>read("$.data.products.pageInfo.endCursor")));
        assertThat(errorCodes(wrongOrder)).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void suggestionsGiveAtMostTenDistinctNamesBestFirst() {
        String t = tag();
        String c = createCategory("Suggest " + t);
        String exact = product(c, "Rooibos " + t, "Red bush", "2.00");
        for (int i = 0; i < 12; i++) product(c, "Rooibos Vanilla " + i + " " + t, "Red bush", "2.00");
        product(c, "Rooibos " + t, "The same name again", "2.50");
        product(c, "Only described " + t, "Rooibos inside", "2.50");
        String q = "query($p: String!) { searchSuggestions(prefix: $p) { id name } }";
        DocumentContext r = gql(q, Map.of("p", "rooi " + t));
        List<String> names = r.read("$.data.searchSuggestions[*].name");
        assertThat(names).hasSize(10).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).startsWith("Rooibos").endsWith(t));
        assertThat(names.getFirst()).as("the shortest name: a tie on score is ordered by name").isEqualTo("Rooibos " + t);
        assertThat(gql(q, Map.of("p", "roiobos " + t)).<List<String>>read("$.data.searchSuggestions[*].name")).contains("Rooibos " + t);
        assertThat(gql(q, Map.of("p", "inside " + t)).<List<?>>read("$.data.searchSuggestions")).as("names only").isEmpty();
        assertThat(errorCodes(gql(q, Map.of("p", "  ")))).containsExactly("BAD_USER_INPUT");
        assertThat(errorCodes(gql(q, Map.of("p", "x".repeat(101))))).containsExactly("BAD_USER_INPUT");
        assertThat(exact).isNotNull();
    }

    @Test
    void facetsCountTheMatchesPerCategoryAndPriceBand() {
        String t = tag();
        String teas = createCategory("Facet teas " + t), gear = createCategory("Facet gear " + t);
        product(teas, "Facet Sencha " + t, "green", "4.99");
        product(teas, "Facet Gyokuro " + t, "green", "12.00");
        product(teas, "Facet Matcha " + t, "green", "55.00");
        product(gear, "Facet Whisk " + t, "for green tea", "5.00");
        product(gear, "Facet Kettle " + t, "steel", "30.00");
        String q = """
                query($f: ProductFilter) { products(filter: $f, first: 1) { totalCount
                  facets { categories { category { id name } count } priceBands { min { amount } max { amount } count } } } }""";
        DocumentContext r = gql(q, Map.of("f", Map.of("search", "green " + t)));
        assertThat(r.<Integer>read("$.data.products.totalCount")).isEqualTo(4);
        assertThat(r.<List<String>>read("$.data.products.facets.categories[*].category.name")).containsExactly("Facet teas " + t, "Facet gear " + t);
        assertThat(r.<List<Integer>>read("$.data.products.facets.categories[*].count")).containsExactly(3, 1);
        assertThat(r.<List<String>>read("$.data.products.facets.priceBands[*].min.amount")).containsExactly("0.00", "5.00", "10.00", "20.00", "50.00");
        assertThat(r.<List<Object>>read("$.data.products.facets.priceBands[*].max")).last().isNull();
        // 4.99 | 5.00 | 12.00 | - | 55.00
        assertThat(r.<List<Integer>>read("$.data.products.facets.priceBands[*].count")).containsExactly(1, 1, 1, 0, 1);
        DocumentContext filtered = gql(q, Map.of("f", Map.of("search", "green " + t, "categoryId", gear)));
        assertThat(filtered.<List<Integer>>read("$.data.products.facets.categories[*].count")).containsExactly(1);
    }
}
