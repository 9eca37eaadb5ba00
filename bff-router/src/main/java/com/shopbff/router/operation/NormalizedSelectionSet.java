package com.shopbff.router.operation;

import java.util.List;
import java.util.Map;

/**
 * A normalised selection set: for each concrete object type the value may have, the fields in response order
 * (the result of the spec's CollectFields for that type, with fragments and skip/include resolved).
 */
public record NormalizedSelectionSet(String declaredType, Map<String, List<NormalizedField>> byType) {
    public List<NormalizedField> fieldsFor(String concreteType) {
        List<NormalizedField> l = byType.get(concreteType);
        return l == null ? List.of() : l;
    }
}
