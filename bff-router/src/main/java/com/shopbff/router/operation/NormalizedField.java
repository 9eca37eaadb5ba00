package com.shopbff.router.operation;

import com.shopbff.router.supergraph.SupergraphModel.TypeRef;
import graphql.language.Value;

import java.util.Map;

/**
 * One field of a normalised operation, valid for one concrete parent type. Arguments stay AST values so that
 * variable references pass through to subgraphs unchanged.
 *
 * @param responseKey alias or name
 * @param name        field name
 * @param args        arguments in request order
 * @param type        the field's type (null for {@code __typename})
 * @param children    sub-selection, null for leaves
 * @param removed     removed by an operation check (e.g. the caller may not see it): never fetched, answers null
 *                    (see {@link FieldRemoval})
 */
public record NormalizedField(String responseKey, String name, Map<String, Value<?>> args, TypeRef type,
                              NormalizedSelectionSet children, boolean removed) {
    public NormalizedField(String responseKey, String name, Map<String, Value<?>> args, TypeRef type,
                           NormalizedSelectionSet children) {
        this(responseKey, name, args, type, children, false);
    }

    public boolean isTypename() {
        return name.equals("__typename");
    }
}
