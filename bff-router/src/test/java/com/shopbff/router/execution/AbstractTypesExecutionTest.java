package com.shopbff.router.execution;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Interfaces, unions and an {@code @interfaceObject} over real HTTP subgraphs ({@code supergraphs/abstract.graphql}). */
class AbstractTypesExecutionTest {
    static final Map<String, Map<String, Object>> MEDIA = Map.of(
            "b1", Map.of("__typename", "Book", "id", "b1", "title", "Dune"),
            "m1", Map.of("__typename", "Movie", "id", "m1", "title", "Alien"));
    static TestSubgraph media;
    static TestSubgraph ratings;
    static TestSubgraph books;
    static TestSubgraph movies;
    static Router router;
    static RouterClient client;

    @BeforeAll
    static void start() {
        Function<Map<String, Object>, Map<String, Object>> byId = rep -> MEDIA.get(String.valueOf(rep.get("id")));
        media = TestSubgraph.builder("""
                type Query { library: [Media!]! search: [SearchResult!]! }
                interface Media { id: ID! title: String }
                type Book implements Media { id: ID! title: String }
                type Movie implements Media { id: ID! title: String }
                type Author { name: String }
                union SearchResult = Book | Movie | Author
                """)
                .query("library", List.of(MEDIA.get("b1"), MEDIA.get("m1")))
                .query("search", List.of(MEDIA.get("m1"), Map.of("__typename", "Author", "name", "Frank")))
                .entity("Book", byId).entity("Movie", byId).interfaceEntity("Media", byId)
                .start();
        ratings = TestSubgraph.builder("""
                type Query { topRated: [Media!]! }
                type Media { id: ID! rating: Int }
                """)
                // an interface object only knows the interface: it answers with the interface name
                .query("topRated", List.of(Map.of("__typename", "Media", "id", "m1", "rating", 5),
                        Map.of("__typename", "Media", "id", "b1", "rating", 4)))
                .entity("Media", rep -> Map.of("__typename", "Media", "id", rep.get("id"),
                        "rating", "b1".equals(rep.get("id")) ? 4 : 5))
                .start();
        books = TestSubgraph.builder("""
                type Query { _b: Int }
                type Book { id: ID! pages: Int }
                """).entity("Book", rep -> Map.of("id", rep.get("id"), "pages", 412)).start();
        movies = TestSubgraph.builder("""
                type Query { _m: Int }
                type Movie { id: ID! minutes: Int }
                """).entity("Movie", rep -> Map.of("id", rep.get("id"), "minutes", 117)).start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/abstract.graphql"), 0)
                .withSubgraphUrls(Map.of("media", media.url(), "ratings", ratings.url(), "books", books.url(),
                        "movies", movies.url())));
        client = new RouterClient(router.port());
    }

    @AfterAll
    static void stop() {
        router.close();
        for (TestSubgraph s : List.of(media, ratings, books, movies)) s.close();
    }

    @Test
    void typeConditionsAndInterfaceObjectFieldsAreJoinedPerConcreteType() {
        RouterClient.Result r = client.post(
                "{ library { __typename title rating ... on Book { pages } ... on Movie { minutes } } }");
        assertEquals("""
                {"data":{"library":[{"__typename":"Book","title":"Dune","rating":4,"pages":412},\
                {"__typename":"Movie","title":"Alien","rating":5,"minutes":117}]}}""", r.body());
    }

    @Test
    void objectsFromAnInterfaceObjectLearnTheirConcreteTypeFromTheInterfaceOwner() {
        RouterClient.Result r = client.post("{ topRated { __typename id rating ... on Movie { minutes } } }");
        assertEquals("""
                {"data":{"topRated":[{"__typename":"Movie","id":"m1","rating":5,"minutes":117},\
                {"__typename":"Book","id":"b1","rating":4}]}}""", r.body());
    }

    @Test
    void unionMembersWithoutSelectedFieldsAreEmptyObjects() {
        RouterClient.Result r = client.post("{ search { ... on Book { pages } ... on Author { name } } }");
        assertEquals("{\"data\":{\"search\":[{},{\"name\":\"Frank\"}]}}", r.body());
    }
}
