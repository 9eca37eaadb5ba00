package com.shopbff.router.supergraph;

import com.shopbff.router.support.PlanSupport;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLObjectType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Reading supergraphs and deriving the API schema clients see. */
class SupergraphLoadingTest {

    @Test
    void subgraphsAndUrlsComeFromJoinGraph() {
        Supergraph sg = Supergraph.parse(PlanSupport.resource("/supergraphs/entities.graphql"));
        assertEquals(4, sg.graphs().size());
        assertEquals("http://127.0.0.1:1/reviews", sg.graphByName("reviews").url());
        assertEquals(2, sg.type("Product").joinTypes().stream().filter(j -> j.graph().equals("PRODUCTS")).count(),
                "both keys of Product in products are kept");
    }

    @Test
    void apiSchemaHasNoJoinOrLinkMachineryAndNoInaccessibleElements() {
        Supergraph sg = Supergraph.parse(PlanSupport.resource("/supergraphs/entities.graphql"));
        String sdl = sg.apiSdl();
        assertFalse(sdl.contains("join__"), sdl);
        assertFalse(sdl.contains("link__"), sdl);
        assertFalse(sdl.contains("@inaccessible"), sdl);
        assertFalse(sdl.contains("@tag"), sdl);
        GraphQLObjectType user = sg.apiSchema().getObjectType("User");
        assertNotNull(user.getFieldDefinition("name"));
        assertNull(user.getFieldDefinition("secret"), "inaccessible field is hidden");
        assertNotNull(sg.type("User").fields().get("secret"), "but the planner still knows it");
    }

    @Test
    void inaccessibleEnumValuesAndTypesAreRemoved() {
        Supergraph sg = Supergraph.parse(PlanSupport.resource("/supergraphs/enums.graphql"));
        GraphQLEnumType kind = (GraphQLEnumType) sg.apiSchema().getType("Kind");
        assertNotNull(kind.getValue("REGULAR"));
        assertNull(kind.getValue("SECRET"));
        assertNull(sg.apiSchema().getType("Hidden"));
    }

    @Test
    void federationOneSupergraphWithOwnersLoads() {
        Supergraph sg = Supergraph.parse(PlanSupport.resource("/supergraphs/fed1.graphql"));
        assertEquals("ACCOUNTS", sg.type("User").fields().get("name").joinFields().get(0).graph(),
                "a field without @join__field belongs to the owner");
        assertNotNull(sg.apiSchema().getObjectType("User").getFieldDefinition("reviews"));
    }

    @Test
    void garbageIsRejectedWithAClearMessage() {
        SupergraphException e = assertThrows(SupergraphException.class, () -> Supergraph.parse("type Query {"));
        assertTrue(e.getMessage().contains("does not parse"));
        SupergraphException noGraphs = assertThrows(SupergraphException.class,
                () -> Supergraph.parse("type Query { a: Int }"));
        assertTrue(noGraphs.getMessage().contains("join__Graph"));
    }
}
