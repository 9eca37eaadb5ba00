package com.shopbff.router.plan.build;

import com.shopbff.router.plan.PlanNode.EntityInput;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * How an entity fetch builds its representations for objects of one runtime type: the key and required fields
 * copied from the object ({@link #representation}), the top-level key fields (an object with a null key is not
 * sent), and the {@code __typename} to send (the interface, for an interface object).
 */
final class EntityInputBuilder {
    final String objectType;
    final String typename;
    final SelectionBuilder representation = new SelectionBuilder();
    final LinkedHashSet<String> keyFields = new LinkedHashSet<>();

    EntityInputBuilder(String objectType, String typename) {
        this.objectType = objectType;
        this.typename = typename;
    }

    /**
     * Whether a representation field named {@code name} read from {@code source} can join this input: false when
     * the input already sends a field of that name read from elsewhere (the same field required with other
     * arguments: one representation cannot carry both values).
     */
    boolean accepts(String name, String source) {
        for (SelectionBuilder.FieldBuilder f : representation.fields.values()) {
            if (f.name().equals(name) && !f.responseKey().equals(source)) return false;
        }
        return true;
    }

    EntityInput build() {
        return new EntityInput(objectType, typename, representation.toRepr(), List.copyOf(keyFields));
    }
}
