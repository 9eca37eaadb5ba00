package com.shopbff.router.operation;

import graphql.language.VariableDefinition;

import java.util.List;
import java.util.Map;

/**
 * A normalised operation: the root selection plus what later stages need from the document.
 *
 * @param kind          query, mutation or subscription
 * @param rootType      name of the root object type
 * @param root          normalised root selection
 * @param variables     variable definitions by name (copied into subgraph operations)
 * @param introspection whether a root field is {@code __schema} or {@code __type}
 */
public record NOperation(String kind, String name, String rootType, NSelectionSet root,
                         Map<String, VariableDefinition> variables, boolean introspection) {
    public List<NField> rootFields() {
        return root.fieldsFor(rootType);
    }
}
