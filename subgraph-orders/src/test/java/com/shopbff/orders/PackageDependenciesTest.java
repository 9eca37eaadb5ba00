package com.shopbff.orders;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The feature packages depend on each other one way: checkout on order, cart, promo and projection, never back. */
class PackageDependenciesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.shopbff.orders");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("com.shopbff.orders.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void orderCartPromoAndProjectionDoNotDependOnCheckout() {
        noClasses().that().resideInAnyPackage("..orders.order..", "..orders.cart..", "..orders.promo..", "..orders.projection..")
                .should().dependOnClassesThat().resideInAPackage("..orders.checkout..").check(MAIN);
    }

    @Test
    void projectionsDependOnNoOtherFeature() {
        noClasses().that().resideInAPackage("..orders.projection..")
                .should().dependOnClassesThat().resideInAnyPackage("..orders.order..", "..orders.cart..", "..orders.checkout..",
                        "..orders.promo..")
                .check(MAIN);
    }
}
