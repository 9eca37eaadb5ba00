package com.shopbff.router.plan.resolve;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Planning stage 2 on its own: where fields resolve, by which keys, with which override labels. */
class ResolvabilityTest {
    private final Resolvability requires = new Resolvability(PlanSupport.load("requires.graphql").supergraph());

    @Test
    void aFieldWithRequiresResolvesOnlyWhenHandedTheEntity() {
        assertFalse(requires.resolvesInPlace("INVENTORY", "Product", "shippingEstimate", null));
        assertTrue(requires.resolvesAsEntity("INVENTORY", "Product", "shippingEstimate"));
        assertEquals("price weight(unit: KG) dimensions { size }", requires.requires("INVENTORY", "Product", "shippingEstimate"));
    }

    @Test
    void anExternalFieldDoesNotResolveInItsSubgraph() {
        assertTrue(requires.resolvesInPlace("PRODUCTS", "Product", "price", null));
        assertFalse(requires.resolvesInPlace("INVENTORY", "Product", "price", null));
        assertFalse(requires.resolvesAsEntity("INVENTORY", "Product", "price"));
    }

    @Test
    void requiredFieldsWithArgumentsGetInternalResponseKeys() {
        var ns = requires.fieldSet("Product", "price weight(unit: KG)");
        var fields = ns.fieldsFor("Product");
        assertEquals("price", fields.get(0).responseKey());
        assertTrue(fields.get(1).responseKey().startsWith("weight__req_"), fields.get(1).responseKey());
    }

    @Test
    void aProgressiveOverrideMovesTheFieldWhileItsLabelIsActive() {
        Resolvability r = new Resolvability(PlanSupport.load("progressive-override.graphql").supergraph());
        assertTrue(r.resolvesInPlace("OLD", "Product", "price", null));
        assertFalse(r.resolvesInPlace("NEW", "Product", "price", null));
        Resolvability active = r.withActiveLabels(Set.of("percent(25)"));
        assertFalse(active.resolvesInPlace("OLD", "Product", "price", null));
        assertTrue(active.resolvesInPlace("NEW", "Product", "price", null));
    }

    @Test
    void aFieldWithContextArgumentsIsFetchedByEntityOnly() {
        Resolvability r = new Resolvability(PlanSupport.load("context.graphql").supergraph());
        assertFalse(r.resolvesInPlace("B", "Cart", "total", null));
        assertTrue(r.resolvesAsEntity("B", "Cart", "total"));
        assertEquals(List.of("id"), r.keys("B", "Cart"));
    }

    @Test
    void aSubgraphsOwnTypeForAFieldComesFromItsJoinField() {
        Resolvability r = new Resolvability(PlanSupport.load("audit-union-intersection.graphql").supergraph());
        assertEquals("Book", r.subgraphFieldType("A", "Viewer", "book"));
        assertEquals("ViewerMedia", r.subgraphFieldType("B", "Viewer", "book"));
    }
}
