package com.shopbff.router.operation;

import java.util.List;
import java.util.Map;

/**
 * A normalised selection set: for each concrete object type the value may have, the fields in response order
 * (the result of the spec's CollectFields for that type, with fragments and skip/include resolved).
 */
public record NSelectionSet(String declaredType, Map<String, List<NField>> byType) {
    public List<NField> fieldsFor(String concreteType) {
        List<NField> l = byType.get(concreteType);
        return l == null ? List.of() : l;
    }
}
