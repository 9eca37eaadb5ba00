package com.shopbff.router.operation;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Planning stage 1 on its own: inclusions from @skip/@include, deferred fragments, fragments merged. */
class NormalizerTest {
    private final PlanSupport plans = PlanSupport.load("entities.graphql");

    private NormalizedField product(NormalizedOperation op, String key) {
        NormalizedField products = op.rootFields().get(0);
        return products.children().fieldsFor("Product").stream().filter(f -> f.responseKey().equals(key)).findFirst()
                .orElseThrow();
    }

    @Test
    void skipAndIncludeOnVariablesBecomeTheFieldsInclusion() {
        NormalizedOperation op = plans.normalize("""
                query($a: Boolean!, $b: Boolean!) { products { name @include(if: $a) price @skip(if: $b) sku } }""");
        assertEquals(new Inclusion(List.of(Set.of(new Inclusion.Literal("a", true)))), product(op, "name").inclusion());
        assertEquals(new Inclusion(List.of(Set.of(new Inclusion.Literal("b", false)))), product(op, "price").inclusion());
        assertNull(product(op, "sku").inclusion());
    }

    @Test
    void aFieldSelectedAlsoUnconditionallyIsAlwaysIncluded() {
        NormalizedOperation op = plans.normalize("query($a: Boolean!) { products { name @include(if: $a) name } }");
        assertNull(product(op, "name").inclusion());
    }

    @Test
    void aFieldSelectedUnderTwoConditionsIsIncludedWhenEitherHolds() {
        NormalizedOperation op = plans.normalize("""
                query($a: Boolean!, $b: Boolean!) { products { ... @include(if: $a) { name } ... @include(if: $b) { name } } }""");
        Inclusion i = product(op, "name").inclusion();
        assertEquals(2, i.anyOf().size());
        assertTrue(i.test(java.util.Map.of("a", false, "b", true)));
        assertFalse(i.test(java.util.Map.of("a", false, "b", false)));
    }

    @Test
    void literalConditionsAreDecidedHere() {
        NormalizedOperation op = plans.normalize("{ products { name @include(if: false) sku @skip(if: false) } }");
        assertEquals(List.of("sku"), op.rootFields().get(0).children().fieldsFor("Product").stream()
                .map(NormalizedField::responseKey).toList());
    }

    @Test
    void deferredFragmentsMarkTheirFieldsAndNest() {
        NormalizedOperation op = plans.normalize("""
                { products { name ... @defer(label: "a") { price reviews { body ... @defer(label: "b") { id } } } } }""");
        assertEquals(2, op.deferred().size());
        DeferredFragment a = op.deferred().get(0);
        assertEquals("a", a.label());
        assertNull(product(op, "name").defer());
        assertEquals(a, product(op, "price").defer());
        NormalizedField reviews = product(op, "reviews");
        NormalizedField id = reviews.children().fieldsFor("Review").stream().filter(f -> f.name().equals("id")).findFirst().orElseThrow();
        assertEquals(a, id.defer().parent());
        assertNull(reviews.children().fieldsFor("Review").get(0).defer(), "body comes with reviews");
    }
}
