package com.shopbff.router.response;

import com.shopbff.router.json.Json;
import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Response shaping on its own: merged subgraph data in, spec-shaped data out. */
class ResponseShaperTest {
    private final PlanSupport entities = PlanSupport.load("entities.graphql");
    private final PlanSupport enums = PlanSupport.load("enums.graphql");

    @SuppressWarnings("unchecked")
    private String shape(PlanSupport sg, String query, String mergedJson, List<Map<String, Object>> errors) {
        ResponseShaper shaper = new ResponseShaper(sg.supergraph());
        var op = sg.normalize(query);
        Map<String, Object> data = (Map<String, Object>) Json.parse(mergedJson);
        int before = errors.size();
        String tree = Json.writeString(shaper.shapeData(op, data, errors));
        // the streaming writer (HTTP fast path) must write exactly the same, or decline when shaping needed errors
        com.shopbff.router.json.JsonWriter out = new com.shopbff.router.json.JsonWriter(64);
        boolean written = shaper.writeData(op, (Map<String, Object>) Json.parse(mergedJson), out);
        if (written) {
            assertEquals(tree, new String(out.toBytes(), java.nio.charset.StandardCharsets.UTF_8), "streaming writer");
            assertEquals(before, errors.size(), "the streaming writer only succeeds when shaping adds no error");
        } else {
            assertTrue(errors.size() > before || before > 0 || op.introspection(), "declined without a reason");
        }
        return tree;
    }

    private final PlanSupport abstractTypes = PlanSupport.load("abstract.graphql");

    @Test
    void interfacesAndUnionsShapePerRuntimeType() {
        String out = shape(abstractTypes, """
                { library { __typename id title ... on Book { pages } ... on Movie { minutes } }
                  search { __typename ... on Author { name } ... on Book { title } } }""",
                "{\"library\":[{\"__typename\":\"Book\",\"id\":\"b1\",\"title\":\"T\",\"pages\":3},"
                        + "{\"__typename\":\"Movie\",\"id\":\"m1\",\"title\":\"M\",\"minutes\":90}],"
                        + "\"search\":[{\"__typename\":\"Author\",\"name\":\"A\"},{\"__typename\":\"Movie\"}]}",
                new ArrayList<>());
        assertEquals("{\"library\":[{\"__typename\":\"Book\",\"id\":\"b1\",\"title\":\"T\",\"pages\":3},"
                + "{\"__typename\":\"Movie\",\"id\":\"m1\",\"title\":\"M\",\"minutes\":90}],"
                + "\"search\":[{\"__typename\":\"Author\",\"name\":\"A\"},{\"__typename\":\"Movie\"}]}", out);
    }

    @Test
    void interfaceObjectAnswerWithTheInterfaceNameUsesTheCommonSelection() {
        String out = shape(abstractTypes, "{ topRated { id rating } }",
                "{\"topRated\":[{\"__typename\":\"Media\",\"id\":\"b1\",\"rating\":5}]}", new ArrayList<>());
        assertEquals("{\"topRated\":[{\"id\":\"b1\",\"rating\":5}]}", out);
    }

    @Test
    void onlyRequestedFieldsInRequestOrderUnderAliasesWithTypename() {
        String out = shape(entities, "{ me { __typename n: name id } }",
                "{\"me\":{\"id\":\"u1\",\"__typename\":\"User\",\"n\":\"Ada\",\"secretKeyField\":1}}", new ArrayList<>());
        assertEquals("{\"me\":{\"__typename\":\"User\",\"n\":\"Ada\",\"id\":\"u1\"}}", out);
    }

    @Test
    void nullInANonNullFieldNullsTheNearestNullableParentAndAddsOneError() {
        List<Map<String, Object>> errors = new ArrayList<>();
        String out = shape(entities, "{ product(id: \"1\") { name price } me { name } }",
                "{\"product\":{\"name\":null,\"price\":3},\"me\":{\"name\":\"Ada\"}}", errors);
        assertEquals("{\"product\":null,\"me\":{\"name\":\"Ada\"}}", out);
        assertEquals(1, errors.size());
        assertEquals(List.of("product", "name"), errors.get(0).get("path"));
    }

    @Test
    void nullListItemOfNonNullTypeNullsTheWholeNonNullListUpToData() {
        List<Map<String, Object>> errors = new ArrayList<>();
        String out = shape(entities, "{ products { name } }", "{\"products\":[{\"name\":\"a\"},null]}", errors);
        assertEquals("null", out, "products is [Product!]!: the null bubbles to data");
        assertEquals(List.of("products", 1), errors.get(0).get("path"));
    }

    @Test
    void subgraphErrorAtThePathSuppressesTheGenericNullError() {
        List<Map<String, Object>> errors = new ArrayList<>(List.of(Map.of("message", "boom", "path", List.of("product"))));
        String out = shape(entities, "{ product(id: \"1\") { name } }", "{\"product\":{}}", errors);
        assertEquals("{\"product\":null}", out);
        assertEquals(1, errors.size());
    }

    @Test
    void hiddenEnumValueBecomesNull() {
        String out = shape(enums, "{ users { id type } }",
                "{\"users\":[{\"id\":\"1\",\"type\":\"REGULAR\"},{\"id\":\"2\",\"type\":\"SECRET\"}]}", new ArrayList<>());
        assertEquals("{\"users\":[{\"id\":\"1\",\"type\":\"REGULAR\"},{\"id\":\"2\",\"type\":null}]}", out);
    }

    @Test
    void missingDataOfAFailedFetchIsNull() {
        List<Map<String, Object>> errors = new ArrayList<>();
        String out = shape(entities, "{ me { name } product(id: \"1\") { price } }", "{}", errors);
        assertEquals("{\"me\":null,\"product\":null}", out);
        assertTrue(errors.isEmpty(), "nullable fields: no error of our own");
    }
}
