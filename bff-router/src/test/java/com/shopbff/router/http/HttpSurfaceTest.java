package com.shopbff.router.http;

import com.shopbff.router.Router;
import com.shopbff.router.RouterConfig;
import com.shopbff.router.support.PlanSupport;
import com.shopbff.router.support.RouterClient;
import com.shopbff.router.support.TestSubgraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** GraphQL-over-HTTP behaviour: status codes, media types and error codes for malformed requests. */
class HttpSurfaceTest {
    static TestSubgraph a;
    static TestSubgraph b;
    static Router router;
    static RouterClient client;

    @BeforeAll
    static void start() {
        a = TestSubgraph.builder("""
                type Query { count: Int }
                type Mutation { add(n: Int!): Counter double: Counter }
                type Counter { id: ID! value: Int }
                """).query("count", 7)
                .mutation("add", env -> Map.of("id", "c", "value", env.<Integer>getArgument("n")))
                .start();
        b = TestSubgraph.builder("type Query { _b: Int }").start();
        router = Router.start(RouterConfig.of(PlanSupport.resource("/supergraphs/mutations.graphql"), 0)
                .withSubgraphUrls(Map.of("a", a.url(), "b", b.url())));
        client = new RouterClient(router.port());
    }

    @AfterAll
    static void stop() {
        router.close();
        a.close();
        b.close();
    }

    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final Map<String, String> GQL_RESPONSE = Map.of("content-type", "application/json",
            "accept", "application/graphql-response+json");

    @Test
    void healthIsUpOnceTheSupergraphIsLoaded() {
        RouterClient.Result r = client.raw("GET", "/health", null, Map.of());
        assertEquals(200, r.status());
        assertTrue(r.body().contains("UP"));
    }

    @Test
    void graphiqlPagePointsAtTheGraphqlEndpointAndLoadsItsAssetsFromTheRouter() {
        RouterClient.Result r = client.raw("GET", "/graphiql", null, Map.of());
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/html"));
        assertTrue(r.body().contains("data-endpoint=\"/graphql\""), r.body());
        assertFalse(r.body().contains("https://"), "no CDN: " + r.body());
        RouterClient.Result js = client.raw("GET", "/graphiql/assets/graphiql.js", null, Map.of());
        assertEquals(200, js.status());
        assertTrue(js.contentType().startsWith("text/javascript"));
        assertTrue(js.body().length() > 100_000, "the GraphiQL bundle");
        assertEquals(200, client.raw("GET", "/graphiql/assets/graphiql.css", null, Map.of()).status());
    }

    @Test
    void landingPageLinksTheExplorer() {
        RouterClient.Result r = client.raw("GET", "/", null, Map.of());
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/html"));
        assertTrue(r.body().contains("href=\"/graphiql\""), r.body());
    }

    @Test
    void postAnswersWithApplicationJsonByDefault() {
        RouterClient.Result r = client.post("{ count }");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/json"));
        assertEquals("{\"data\":{\"count\":7}}", r.body());
    }

    @Test
    void getServesQueries() {
        RouterClient.Result r = client.raw("GET", "/graphql?query=" + URLEncoder.encode("{ count }", StandardCharsets.UTF_8),
                null, Map.of());
        assertEquals(200, r.status());
        assertEquals("{\"data\":{\"count\":7}}", r.body());
    }

    @Test
    void getRefusesMutationsWith405() {
        RouterClient.Result r = client.raw("GET", "/graphql?query=" + URLEncoder.encode("mutation { double { value } }",
                StandardCharsets.UTF_8), null, Map.of());
        assertEquals(405, r.status());
        assertEquals("METHOD_NOT_ALLOWED", r.at("errors.0.extensions.code"));
        assertTrue(a.requests.stream().noneMatch(q -> q.get("query").toString().contains("double")));
    }

    @Test
    void mutationsRunOverPost() {
        RouterClient.Result r = client.post("mutation { add(n: 3) { value } }");
        assertEquals("{\"data\":{\"add\":{\"value\":3}}}", r.body());
    }

    @Test
    void malformedJsonIs400BadRequest() {
        RouterClient.Result r = client.raw("POST", "/graphql", "{\"query\": ", JSON);
        assertEquals(400, r.status());
        assertEquals("BAD_REQUEST", r.at("errors.0.extensions.code"));
        assertFalse(r.body().contains("Exception"));
    }

    @Test
    void missingQueryIs400() {
        RouterClient.Result r = client.raw("POST", "/graphql", "{\"variables\": {}}", JSON);
        assertEquals(400, r.status());
        assertEquals("BAD_REQUEST", r.at("errors.0.extensions.code"));
    }

    @Test
    void wrongContentTypeIs415() {
        RouterClient.Result r = client.raw("POST", "/graphql", "{ count }", Map.of("content-type", "text/plain"));
        assertEquals(415, r.status());
        assertEquals("BAD_REQUEST", r.at("errors.0.extensions.code"));
    }

    @Test
    void syntaxErrorIsParseFailedWith200ForApplicationJson() {
        RouterClient.Result r = client.post("{ count ");
        assertEquals(200, r.status());
        assertEquals("GRAPHQL_PARSE_FAILED", r.at("errors.0.extensions.code"));
        assertFalse(r.json().containsKey("data"), "request errors carry no data entry");
    }

    @Test
    void syntaxErrorIs400ForGraphqlResponseJson() {
        RouterClient.Result r = client.raw("POST", "/graphql", "{\"query\":\"{ count \"}", GQL_RESPONSE);
        assertEquals(400, r.status());
        assertTrue(r.contentType().startsWith("application/graphql-response+json"));
        assertEquals("GRAPHQL_PARSE_FAILED", r.at("errors.0.extensions.code"));
    }

    @Test
    void validationErrorsNameTheProblem() {
        RouterClient.Result r = client.raw("POST", "/graphql", "{\"query\":\"{ nope }\"}", GQL_RESPONSE);
        assertEquals(400, r.status());
        assertEquals("GRAPHQL_VALIDATION_FAILED", r.at("errors.0.extensions.code"));
        assertTrue(r.at("errors.0.message").toString().contains("nope"));
    }

    @Test
    void unknownOperationNameIsAnOperationResolutionFailure() {
        RouterClient.Result r = client.raw("POST", "/graphql",
                "{\"query\":\"query A { count } query B { count }\",\"operationName\":\"C\"}", GQL_RESPONSE);
        assertEquals(400, r.status());
        assertEquals("OPERATION_RESOLUTION_FAILURE", r.at("errors.0.extensions.code"));
    }

    @Test
    void selectedOperationOfSeveralRuns() {
        RouterClient.Result r = client.raw("POST", "/graphql",
                "{\"query\":\"query A { count } query B { c: count }\",\"operationName\":\"B\"}", JSON);
        assertEquals("{\"data\":{\"c\":7}}", r.body());
    }

    @Test
    void invalidVariablesAreBadUserInput() {
        RouterClient.Result r = client.post("mutation M($n: Int!) { add(n: $n) { value } }", Map.of("n", "three"), Map.of());
        assertEquals(200, r.status());
        assertEquals("BAD_USER_INPUT", r.at("errors.0.extensions.code"));
        RouterClient.Result missing = client.post("mutation M($n: Int!) { add(n: $n) { value } }", Map.of(), Map.of());
        assertEquals("BAD_USER_INPUT", missing.at("errors.0.extensions.code"));
    }

    @Test
    void variablesThatAreNotAnObjectAre400() {
        RouterClient.Result r = client.raw("POST", "/graphql", "{\"query\":\"{ count }\",\"variables\":[1]}", JSON);
        assertEquals(400, r.status());
        assertEquals("BAD_REQUEST", r.at("errors.0.extensions.code"));
    }

    @Test
    void unknownPathIs404() {
        assertEquals(404, client.raw("GET", "/nope", null, Map.of()).status());
    }

    @Test
    void typenameOfRootTypesIsAnsweredWithoutSubgraphs() {
        RouterClient.Result r = client.post("mutation { __typename }");
        assertEquals("{\"data\":{\"__typename\":\"Mutation\"}}", r.body());
        assertEquals(List.of(), b.requests);
    }
}
