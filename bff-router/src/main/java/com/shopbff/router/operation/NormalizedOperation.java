package com.shopbff.router.operation;

import graphql.language.VariableDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A normalised operation: the root selection plus what later stages need from the document.
 *
 * @param kind          query, mutation or subscription
 * @param name          the operation's name (null when anonymous)
 * @param rootType      name of the root object type
 * @param root          normalised root selection
 * @param variables     variable definitions by name (copied into subgraph operations)
 * @param introspection whether a root field is {@code __schema} or {@code __type}
 * @param deferred      the {@code @defer} fragments, by id (empty when nothing is deferred)
 */
public record NormalizedOperation(String kind, String name, String rootType, NormalizedSelectionSet root,
                                  Map<String, VariableDefinition> variables, boolean introspection,
                                  List<DeferredFragment> deferred) {
    public NormalizedOperation {
        deferred = List.copyOf(deferred);
    }

    /** The same operation with another root selection. */
    public NormalizedOperation withRoot(NormalizedSelectionSet r) {
        return new NormalizedOperation(kind, name, rootType, r, variables, introspection, deferred);
    }

    public List<NormalizedField> rootFields() {
        return root.fieldsFor(rootType);
    }

    /** Receives every field of an operation, parents before children. */
    @FunctionalInterface
    public interface FieldVisitor {
        /**
         * @param path         where the field is: (parent type, response key) steps from the root
         * @param responsePath the field's path in the response, {@code "@"} standing for any list index
         * @param parentType   the concrete type the field is selected on
         * @param field        the field
         * @return whether to visit the field's sub-selection
         */
        boolean visit(FieldPath path, List<Object> responsePath, String parentType, NormalizedField field);
    }

    /**
     * Walks every field, depth first in response order, for each concrete type a selection applies to (a field
     * under an interface is visited once per implementing type the operation can meet).
     */
    public void forEachField(FieldVisitor visitor) {
        walk(root, rootType, FieldPath.ROOT, new ArrayList<>(), visitor);
    }

    private static void walk(NormalizedSelectionSet set, String declared, FieldPath at, List<Object> responsePath,
                             FieldVisitor visitor) {
        for (Map.Entry<String, List<NormalizedField>> e : set.byType().entrySet()) {
            String parent = e.getKey();
            for (NormalizedField f : e.getValue()) {
                FieldPath path = at.child(parent, f.responseKey());
                responsePath.add(f.responseKey());
                int depth = f.type() == null ? 0 : f.type().listDepth();
                for (int i = 0; i < depth; i++) responsePath.add("@");
                if (visitor.visit(path, List.copyOf(responsePath), parent, f) && f.children() != null) {
                    walk(f.children(), f.type().named(), path, responsePath, visitor);
                }
                for (int i = 0; i <= depth; i++) responsePath.remove(responsePath.size() - 1);
            }
        }
    }
}
