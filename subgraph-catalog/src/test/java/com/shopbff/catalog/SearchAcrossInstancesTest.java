package com.shopbff.catalog;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.catalog.search.ProductIndexListener;
import com.shopbff.catalog.search.SearchReplicas;
import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.support.SubgraphApplications;
import com.shopbff.support.testing.GraphQlClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two catalog instances, each with its own search index, as in the cluster: a product an administrator creates or
 * changes through one is found by the very next search on the other (the write waits for the other's index).
 */
class SearchAcrossInstancesTest extends CatalogTestBase {
    private static ConfigurableApplicationContext other;

    @Autowired
    SearchReplicas replicas;

    /**
     * The second instance: the same application on the same MongoDB and Kafka. Only its index listener runs, so it
     * takes no share of the storehouse commands the other tests send to this context.
     */
    @BeforeAll
    static void startAnotherInstance() {
        other = SubgraphApplications.builder(CatalogApplication.class, CatalogApplication.CONFIG_NAME)
                .sources(CatalogTestConfiguration.class)
                .run("--server.port=0", "--spring.kafka.listener.auto-startup=false",
                        "--spring.mongodb.uri=" + SharedTestInfra.mongo().connectionString(),
                        "--spring.kafka.bootstrap-servers=" + SharedTestInfra.kafka().bootstrapServers());
        other.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("catalog-index").start();
    }

    @AfterAll
    static void stopIt() {
        if (other != null) other.close();
    }

    private DocumentContext searchOnOther(Map<String, ?> filter) {
        int port = ((WebServerApplicationContext) other).getWebServer().getPort();
        return GraphQlClient.onPort(port).post("""
                query($f: ProductFilter) { products(filter: $f, first: 100) { totalCount edges { node { id name } } } }""",
                Map.of("f", filter), null);
    }

    private void awaitOtherIndexJoined() throws Exception {
        String group = other.getBean(ProductIndexListener.class).groupId();
        long giveUp = System.nanoTime() + 120_000_000_000L; // a guard against hanging, not a timing assertion
        while (!replicas.peers().contains(group)) {
            assertThat(System.nanoTime()).as("the other instance's index group %s never became stable", group).isLessThan(giveUp);
            Thread.sleep(50);
        }
    }

    @Test
    void aProductWrittenThroughOneInstanceIsFoundByTheNextSearchOnTheOther() throws Exception {
        awaitOtherIndexJoined();
        String tag = tag();
        String category = createCategory("Across " + tag);
        for (int i = 0; i < 5; i++) {
            String id = createProduct(category, "Across " + tag + " n" + i, "3.00", 2);
            DocumentContext page = searchOnOther(Map.of("categoryId", category));
            List<String> ids = page.read("$.data.products.edges[*].node.id");
            assertThat(ids).as("the other instance's search right after creating product %d", i).hasSize(i + 1).contains(id);
        }

        String renamed = "Renamed " + tag;
        String first = searchOnOther(Map.of("categoryId", category)).read("$.data.products.edges[0].node.id");
        DocumentContext update = gql("mutation($i: UpdateProductInput!) { updateProduct(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("id", first, "name", renamed)), ADMIN);
        assertThat(update.read("$.data.updateProduct.userErrors", List.class)).isEmpty();
        List<String> byName = searchOnOther(Map.of("search", renamed)).read("$.data.products.edges[*].node.id");
        assertThat(byName).containsExactly(first);

        DocumentContext delete = gql("mutation($id: ID!) { deleteProduct(id: $id) { userErrors { code } } }", Map.of("id", first), ADMIN);
        assertThat(delete.read("$.data.deleteProduct.userErrors", List.class)).isEmpty();
        List<String> left = searchOnOther(Map.of("categoryId", category)).read("$.data.products.edges[*].node.id");
        assertThat(left).hasSize(4).doesNotContain(first);
    }
}
